package com.idss.informzsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.idss.informzsync.domain.contact.Contact;
import jakarta.annotation.Resource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.util.List;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The embedded default database is a file: what was committed is there after a server restart. */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataSurvivesRestartIT {

    private static final String SERVER = "restartable";
    private static final String APP = "app";
    private static final String SURVIVOR_EMAIL = "survivor@example.org";

    @ArquillianResource
    ContainerController server;

    @ArquillianResource
    Deployer deployer;

    @PersistenceContext(unitName = "crm")
    EntityManager entityManager;

    @Resource
    UserTransaction transaction;

    @Deployment(name = APP, managed = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive deployment() {
        return Deployments.productEarWith(DataSurvivesRestartIT.class);
    }

    @Test
    @Order(1)
    @RunAsClient
    void startTheServer() {
        server.start(SERVER);
        deployer.deploy(APP);
    }

    @Test
    @Order(2)
    @OperateOnDeployment(APP)
    void saveAContact() throws Exception {
        transaction.begin();
        entityManager.persist(new Contact(SURVIVOR_EMAIL));
        transaction.commit();
    }

    @Test
    @Order(3)
    @RunAsClient
    void restartTheServer() {
        deployer.undeploy(APP);
        server.stop(SERVER);
        server.start(SERVER);
        deployer.deploy(APP);
    }

    @Test
    @Order(4)
    @OperateOnDeployment(APP)
    void theContactIsStillThere() {
        List<Contact> survivors = entityManager
                .createQuery("select c from Contact c where c.email = :email", Contact.class)
                .setParameter("email", SURVIVOR_EMAIL)
                .getResultList();
        assertEquals(1, survivors.size());
    }

    @Test
    @Order(5)
    @RunAsClient
    void stopTheServer() {
        deployer.undeploy(APP);
        server.stop(SERVER);
    }
}

package com.idss.informzsync.benchmark.floor;

import com.idss.informzsync.application.sync.InformzPassword;
import com.idss.informzsync.infrastructure.informz.InformzClient;
import com.idss.informzsync.infrastructure.informz.InformzSettings;
import com.idss.informzsync.infrastructure.informz.InterestAction;
import com.idss.informzsync.infrastructure.informz.SubscriberRecord;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The sync half of the shape: in the delivery's transaction, one Subscribe of the row's address to
 * Informz through the product's own client (no call recorded) and its subscriber id written back.
 */
@JMSDestinationDefinition(name = FloorListener.QUEUE, interfaceName = "jakarta.jms.Queue", destinationName = "ShapeFloor")
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = FloorListener.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class FloorListener implements MessageListener {

    static final String QUEUE = "java:global/jms/queue/ShapeFloor";

    private static final InformzClient INFORMZ = new InformzClient(InformzSettings.builder()
            .endpoint(URI.create(System.getProperty("idss.informz.endpoint", "http://127.0.0.1:18089/aapi/InformzService.svc")))
            .brand(System.getProperty("idss.informz.brand-id", "4711"), System.getProperty("idss.informz.brand-name", "Example Visitors Bureau"))
            .user(System.getProperty("idss.informz.user", "api_user"))
            .password(InformzPassword::current)
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(15))
            .build());

    @PersistenceContext(unitName = "shape-floor")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Override
    public void onMessage(Message message) {
        String[] rowAndInterest;
        try {
            rowAndInterest = ((TextMessage) message).getText().split(" ", 2);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        int rowId = Integer.parseInt(rowAndInterest[0]);
        FloorRow row = em.find(FloorRow.class, rowId);
        var result = INFORMZ.subscribe(InterestAction.ADD_OR_UPDATE_SUBSCRIBERS, List.of(rowAndInterest[1]),
                List.of(new SubscriberRecord(row.email(), String.valueOf(rowId), Map.of("Title", row.title()))));
        if (!result.rejections().isEmpty()) {
            throw new IllegalStateException("Informz refused floor row " + rowId + ": " + result.rejections());
        }
        row.subscriberId(rowId);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    FloorDeliveries.committed(rowId);
                }
            }
        });
    }
}

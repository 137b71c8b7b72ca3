package com.idss.informzsync.it;

import com.idss.informzsync.it.inbox.InboxProbeServlet;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The product's own EAR, as built, plus the test classes as an EAR library (Arquillian does not add
 * them to an EAR by itself).
 */
public final class Deployments {

    private static final String CONSOLE_WAR = "web-module.war";
    /** Where Arquillian's servlet protocol puts its test runner in the console's WAR. */
    private static final String TEST_RUNNER_PATH = "/ArquillianServletRunnerEE9";

    private Deployments() {
    }

    /** The product EAR exactly as built, for client-side tests (the browser tests) that deploy nothing of their own. */
    public static EnterpriseArchive productEar() {
        File ear = new File(System.getProperty("ear.file", "target/idss-informz-sync.ear"));
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }

    public static EnterpriseArchive productEarWith(Class<?>... testClasses) {
        JavaArchive tests = ShrinkWrap.create(JavaArchive.class, "in-container-tests.jar")
                .addClasses(testClasses)
                .addClasses(SyncRecorder.class, InformzSimulatorAdmin.class, CrmFixture.class, Deployments.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        EnterpriseArchive ear = productEar().addAsLibrary(tests);
        openTestRunner(ear);
        return ear;
    }

    /**
     * Every console page requires a login, and Arquillian runs in-container tests through a servlet
     * it adds to the console's WAR. In the test deployment only, that one path is left open.
     */
    private static void openTestRunner(EnterpriseArchive ear) {
        WebArchive console = ear.getAsType(WebArchive.class, CONSOLE_WAR);
        String webXml = read(console.get("WEB-INF/web.xml").getAsset().openStream());
        String openRunner = "    <security-constraint>\n        <web-resource-collection>\n"
                + "            <web-resource-name>arquillian-test-runner</web-resource-name>\n"
                + "            <url-pattern>" + TEST_RUNNER_PATH + "</url-pattern>\n"
                + "        </web-resource-collection>\n    </security-constraint>\n";
        console.delete("WEB-INF/web.xml");
        console.addAsWebInfResource(new StringAsset(webXml.replace("</web-app>", openRunner + "</web-app>")), "web.xml");
        ear.delete(CONSOLE_WAR);
        ear.addAsModule(console);
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Context root of the inbox tests' probe web module. */
    public static final String INBOX_PROBE_CONTEXT = "inbox-probe";

    /**
     * The product's EAR, as built, for tests that are remote clients: nothing of the test runs in
     * the server but a probe web module that reads CRM state and waits for syncs to reach Informz.
     */
    public static EnterpriseArchive productEarWithInboxProbe() {
        JavaArchive waiting = ShrinkWrap.create(JavaArchive.class, "sync-waiting.jar")
                .addClasses(SyncRecorder.class, InformzSimulatorAdmin.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        WebArchive probe = ShrinkWrap.create(WebArchive.class, INBOX_PROBE_CONTEXT + ".war")
                .addClass(InboxProbeServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        EnterpriseArchive archive = productEar().addAsLibrary(waiting).addAsModule(probe);
        return listModule(archive, "<module><web><web-uri>" + INBOX_PROBE_CONTEXT + ".war</web-uri><context-root>/"
                + INBOX_PROBE_CONTEXT + "</context-root></web></module>");
    }

    /** application.xml lists the modules: one added to the EAR is only deployed once it is listed too. */
    public static EnterpriseArchive listModule(EnterpriseArchive ear, String moduleElement) {
        String applicationXml = read(ear.get("META-INF/application.xml").getAsset().openStream());
        ear.delete("META-INF/application.xml");
        return ear.setApplicationXML(new StringAsset(applicationXml.replace("</application>", moduleElement + "</application>")));
    }

}

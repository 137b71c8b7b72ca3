package com.idss.informzsync.it;

import com.idss.informzsync.it.inbox.InboxProbeServlet;
import com.idss.informzsync.it.inbox.RecordingSyncCommands;
import com.idss.informzsync.it.inbox.StandInSyncCommandsExtension;
import jakarta.enterprise.inject.spi.Extension;
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
final class Deployments {

    private Deployments() {
    }

    static EnterpriseArchive productEarWith(Class<?>... testClasses) {
        File ear = new File(System.getProperty("ear.file", "target/idss-informz-sync.ear"));
        JavaArchive tests = ShrinkWrap.create(JavaArchive.class, "in-container-tests.jar")
                .addClasses(testClasses)
                .addClasses(SyncRecorder.class, Deployments.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear).addAsLibrary(tests);
    }

    /** Context root of the inbox tests' probe web module. */
    static final String INBOX_PROBE_CONTEXT = "inbox-probe";

    /**
     * The product's EAR, as built, for tests that are remote clients: nothing of the test runs in
     * the server except a probe web module and, until the engine is merged, a SyncCommands stand-in.
     */
    static EnterpriseArchive productEarWithInboxProbe() {
        File ear = new File(System.getProperty("ear.file", "target/idss-informz-sync.ear"));
        JavaArchive standIn = ShrinkWrap.create(JavaArchive.class, "sync-commands-stand-in.jar")
                .addClasses(RecordingSyncCommands.class, StandInSyncCommandsExtension.class)
                .addAsServiceProvider(Extension.class, StandInSyncCommandsExtension.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        WebArchive probe = ShrinkWrap.create(WebArchive.class, INBOX_PROBE_CONTEXT + ".war")
                .addClass(InboxProbeServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        EnterpriseArchive archive = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear)
                .addAsLibrary(standIn)
                .addAsModule(probe);
        // application.xml lists the modules: the probe is only deployed if it is listed too.
        String applicationXml = new String(readAll(archive.get("META-INF/application.xml").getAsset().openStream()),
                StandardCharsets.UTF_8);
        String probeModule = "<module><web><web-uri>" + INBOX_PROBE_CONTEXT + ".war</web-uri><context-root>/"
                + INBOX_PROBE_CONTEXT + "</context-root></web></module>";
        archive.delete("META-INF/application.xml");
        return archive.setApplicationXML(new StringAsset(applicationXml.replace("</application>", probeModule + "</application>")));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

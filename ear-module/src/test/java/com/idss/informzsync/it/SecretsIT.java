package com.idss.informzsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Informz password as an operator sets it (README, "Operating"): encrypted with the key in the
 * Elytron credential store, held as the expression of a system property, and rotated on the running
 * server with the management operations set-informz-password.sh runs. The next call uses the new
 * one, no redeploy. Neither password ever reaches the server log or the stored calls.
 */
@ExtendWith(ArquillianExtension.class)
class SecretsIT {

    private static final String HOST = "127.0.0.1";
    private static final int PORT = Integer.getInteger("it.http.port", 8080);
    private static final String PROPERTY = "idss.informz.password";
    /** What the simulator accepts (the test server also has it in its environment, the fallback). */
    private static final String RIGHT = System.getProperty("it.informz.password", "simulator-secret");

    private final HttpClient http = HttpClient.newHttpClient();
    private final InformzSimulatorAdmin informz = new InformzSimulatorAdmin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.productEarWithInboxProbe();
    }

    @ArquillianResource
    ManagementClient management;

    @Test
    void aRotatedPasswordIsUsedFromTheNextCallWithoutARedeployAndIsNeverLoggedOrStored() throws Exception {
        String wrong = "rotated-" + UUID.randomUUID();
        String interest = CrmFixture.unique("Secrets");
        String email = CrmFixture.uniqueEmail("secret.keeper");
        informz.createInterest(interest);
        try {
            setPassword(wrong);
            long listId = probePost("list?name=" + encode(interest)).getJsonNumber("listId").longValue();
            int contactId = probePost("contact?email=" + encode(email)).getInt("contactId");
            probePost("list-add?listId=" + listId + "&contactId=" + contactId);
            JsonObject down = probe("await-informz-connection?up=false");
            assertFalse(down.getBoolean("up"), "Informz refuses the rotated-in wrong password: " + down);
            assertFalse(informz.membersOf(interest).contains(email));

            setPassword(RIGHT);
            JsonObject member = probe("await-informz-member?interest=" + encode(interest) + "&email=" + encode(email));
            assertTrue(member.getBoolean("member"), "the next call used the rotated password: " + member);
        } finally {
            removePassword();
        }
        String log = Files.readString(serverLog());
        for (String password : new String[] {wrong, RIGHT}) {
            assertFalse(log.contains(password), "a password in the server log");
            assertEquals(0, probe("stored-calls-containing?text=" + encode(password)).getInt("count"), "a password in the stored calls");
        }
    }

    /** What set-informz-password.sh does: encrypt with the store's key, then set or rotate the property. */
    private void setPassword(String password) throws Exception {
        ModelNode encrypt = Operations.createOperation("create-expression",
                Operations.createAddress("subsystem", "elytron", "expression", "encryption"));
        encrypt.get("resolver").set("idss");
        encrypt.get("clear-text").set(password);
        String expression = execute(encrypt).get("expression").asString();
        assertTrue(expression.startsWith("${ENC::idss:"), expression);

        ModelNode property = Operations.createAddress("system-property", PROPERTY);
        if (Operations.isSuccessfulOutcome(management.getControllerClient().execute(Operations.createReadResourceOperation(property)))) {
            execute(Operations.createWriteAttributeOperation(property, "value", new ModelNode(expression)));
        } else {
            ModelNode add = Operations.createAddOperation(property);
            add.get("value").set(expression);
            execute(add);
        }
    }

    private void removePassword() throws Exception {
        ModelNode property = Operations.createAddress("system-property", PROPERTY);
        if (Operations.isSuccessfulOutcome(management.getControllerClient().execute(Operations.createReadResourceOperation(property)))) {
            execute(Operations.createRemoveOperation(property));
        }
    }

    private Path serverLog() throws Exception {
        ModelNode read = Operations.createReadAttributeOperation(Operations.createAddress("path", "jboss.server.log.dir"), "path");
        return Path.of(execute(read).asString(), "server.log");
    }

    private ModelNode execute(ModelNode operation) throws Exception {
        ModelNode outcome = management.getControllerClient().execute(operation);
        assertTrue(Operations.isSuccessfulOutcome(outcome), () -> Operations.getFailureDescription(outcome).asString());
        return Operations.readResult(outcome);
    }

    private JsonObject probe(String pathAndQuery) throws Exception {
        return call(HttpRequest.newBuilder(probeUri(pathAndQuery)).GET().build());
    }

    private JsonObject probePost(String pathAndQuery) throws Exception {
        return call(HttpRequest.newBuilder(probeUri(pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static URI probeUri(String pathAndQuery) {
        return URI.create("http://" + HOST + ":" + PORT + "/" + Deployments.INBOX_PROBE_CONTEXT + "/probe/" + pathAndQuery);
    }

    private JsonObject call(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), request.uri() + ": " + response.body());
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

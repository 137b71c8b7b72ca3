package com.idss.informzsync.interfaces.health;

import com.idss.informzsync.application.operations.HealthReport;
import com.idss.informzsync.application.operations.SyncHealth;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Answers 200 when up and 503 when down, with a MicroProfile Health body. A small endpoint of our own
 * because WildFly's MicroProfile Health subsystem does not find checks in an EAR's modules (WFLY-12835;
 * tried here with producer methods and with check classes, in the EJB module and in the WAR).
 */
@WebServlet(urlPatterns = {"/health/live", "/health/ready"})
public class HealthServlet extends HttpServlet {

    @Inject
    SyncHealth health;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HealthReport report = request.getServletPath().endsWith("/live") ? health.liveness() : health.readiness();
        response.setStatus(report.up() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        Json.createWriter(response.getWriter()).writeObject(Json.createObjectBuilder()
                .add("status", status(report.up()))
                .add("checks", checks(report))
                .build());
    }

    private static JsonArrayBuilder checks(HealthReport report) {
        JsonArrayBuilder checks = Json.createArrayBuilder();
        for (HealthReport.Check check : report.checks()) {
            JsonObjectBuilder data = Json.createObjectBuilder();
            for (Map.Entry<String, Object> fact : check.data().entrySet()) {
                if (fact.getValue() instanceof Number number) {
                    data.add(fact.getKey(), number.longValue());
                } else {
                    data.add(fact.getKey(), String.valueOf(fact.getValue()));
                }
            }
            checks.add(Json.createObjectBuilder().add("name", check.name()).add("status", status(check.up())).add("data", data));
        }
        return checks;
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}

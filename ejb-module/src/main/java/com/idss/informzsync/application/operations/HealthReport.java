package com.idss.informzsync.application.operations;

import java.util.List;
import java.util.Map;

/**
 * Named checks, each up or down with the facts behind it; up when every check is. Shaped like a
 * MicroProfile Health answer, so tools that read one read this.
 */
public record HealthReport(List<Check> checks) {

    /** @param data facts for the person reading it: strings and numbers, in a stable order */
    public record Check(String name, boolean up, Map<String, Object> data) {
    }

    public boolean up() {
        return checks.stream().allMatch(Check::up);
    }
}

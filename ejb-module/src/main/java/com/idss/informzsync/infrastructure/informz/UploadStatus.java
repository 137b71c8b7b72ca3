package com.idss.informzsync.infrastructure.informz;

import java.util.Map;

/** One {@code upload_history} row: the status text and the counts Informz reports for the upload. */
public record UploadStatus(int uploadId, String status, Map<String, Integer> counts) {

    public UploadStatus {
        counts = Map.copyOf(counts);
    }

    /** "Complete" is the assumed terminal status (reference section 11, question 14). */
    public boolean complete() {
        return "Complete".equalsIgnoreCase(status);
    }

    public boolean pending() {
        return "Pending".equalsIgnoreCase(status) || "Processing".equalsIgnoreCase(status);
    }

    public int count(String column) {
        return counts.getOrDefault(column, 0);
    }
}

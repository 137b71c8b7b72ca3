package com.idss.informzsync.infrastructure.informz;

import java.util.List;

/**
 * An asynchronous list load. {@code fieldNames} are the personal-information columns taken from each record's
 * fields, in this order; records lacking a field send it empty.
 */
public record BulkUploadRequest(BulkUploadAction action, List<String> interestNames, List<String> statusEmailRecipients,
        List<String> fieldNames, List<SubscriberRecord> subscribers) {

    public BulkUploadRequest {
        interestNames = List.copyOf(interestNames);
        statusEmailRecipients = List.copyOf(statusEmailRecipients);
        fieldNames = List.copyOf(fieldNames);
        subscribers = List.copyOf(subscribers);
    }
}

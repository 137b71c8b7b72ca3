package com.idss.informzsync.infrastructure.informz;

import java.util.List;
import java.util.OptionalInt;

/** The queued upload's id (poll it with {@code uploadStatus}), or empty when every row was rejected. */
public record BulkUploadResult(OptionalInt uploadId, List<SubscriberRejection> rejections) {

    public BulkUploadResult {
        rejections = List.copyOf(rejections);
    }
}

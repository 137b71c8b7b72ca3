package com.idss.informzsync.infrastructure.informz;

import java.util.List;

/**
 * What Subscribe reported. {@code sent} is false when every subscriber was rejected, so no call was made.
 * {@code previousUnsubscriberCount} is -1 when Informz did not report it.
 */
public record SubscribeResult(boolean sent, int newSubscriberCount, int previousSubscriberCount,
        int previousUnsubscriberCount, String message, List<SubscriberRejection> rejections) {

    public SubscribeResult {
        rejections = List.copyOf(rejections);
    }
}

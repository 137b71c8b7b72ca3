package com.idss.informzsync.infrastructure.informz;

import java.util.List;

/** What Optout or Unsubscribe reported: Informz's count and message, plus subscribers rejected before sending. */
public record ActionResult(boolean sent, int count, String message, List<SubscriberRejection> rejections) {

    public ActionResult {
        rejections = List.copyOf(rejections);
    }
}

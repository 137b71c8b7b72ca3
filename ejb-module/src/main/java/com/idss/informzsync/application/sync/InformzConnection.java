package com.idss.informzsync.application.sync;

import java.time.Instant;

/**
 * Whether the integration can reach Informz. While down, sending pauses (messages wait, nothing
 * is lost) and a probe retries now and then; the first success brings it back up.
 *
 * @param since when it last changed between up and down
 * @param reason why it is down; null when up
 */
public record InformzConnection(boolean up, Instant since, String reason) {

    public interface Monitor {
        InformzConnection current();
    }
}

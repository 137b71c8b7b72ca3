package com.idss.informzsync.infrastructure.informz;

import com.idss.informzsync.domain.sync.InformzCallOutcome;
import java.time.Duration;

/** A CDI event for each Informz call as it ends, whatever becomes of the transaction that made it. */
public record InformzCallFinished(String operation, Duration duration, InformzCallOutcome outcome) {
}

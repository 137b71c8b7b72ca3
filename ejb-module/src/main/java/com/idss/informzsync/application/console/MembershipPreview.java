package com.idss.informzsync.application.console;

import java.util.List;

/**
 * What saving a proposed list would change in Informz: the contacts it would gain and lose
 * against the ones synced now, with a sample of each by name.
 */
public record MembershipPreview(long members, int gains, int losses, List<ContactRow> sampleGains,
        List<ContactRow> sampleLosses, boolean syncToInformz, boolean active) {

    public MembershipPreview {
        sampleGains = List.copyOf(sampleGains);
        sampleLosses = List.copyOf(sampleLosses);
    }

    /** Informz only changes for an active, synced list; otherwise its group is left as it is. */
    public boolean informzChanges() {
        return syncToInformz && active;
    }
}

package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.list.DistributionList;

/**
 * Informz has no API to create an interest: it is made in the Informz UI. Says so in words a CRM
 * user can act on.
 */
final class MissingInterest {

    private MissingInterest() {
    }

    static String explain(DistributionList list) {
        return "Informz has no interest named \"" + list.getInformzInterestName() + "\". Create it in Informz "
                + "(Profile Fields > Interests; its interest-based target group comes with it), "
                + "then the list resyncs by itself within minutes.";
    }
}

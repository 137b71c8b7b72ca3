package com.idss.informzsync.simulator;

/** An {@code InformzAAPIFault}: the code is the machine-readable exception class name Informz uses. */
final class AapiFault extends RuntimeException {

    private final String code;
    private final boolean serverSide;

    AapiFault(String code, String reason) {
        this(code, reason, false);
    }

    AapiFault(String code, String reason, boolean serverSide) {
        super(reason, null, false, false);
        this.code = code;
        this.serverSide = serverSide;
    }

    String code() {
        return code;
    }

    String reason() {
        return getMessage();
    }

    boolean serverSide() {
        return serverSide;
    }

    static AapiFault invalidData(String reason) {
        return new AapiFault("InvalidDataFormatException", reason);
    }

    static AapiFault unexpected(String reason) {
        return new AapiFault("UnexpectedInputException", reason);
    }

    static AapiFault insufficient(String reason) {
        return new AapiFault("InsufficientInformationToCompleteActionException", reason);
    }
}

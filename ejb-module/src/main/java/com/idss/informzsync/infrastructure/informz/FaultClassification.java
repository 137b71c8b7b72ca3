package com.idss.informzsync.infrastructure.informz;

import java.util.Set;

/** Sorts Informz fault codes (reference section 2.7) and HTTP statuses into failure kinds. */
final class FaultClassification {

    private static final Set<String> CONFIGURATION = Set.of("InvalidCredentialsException",
            "ValidUserNotFoundException", "BrandNotFoundException", "NoAvailableIPAddressException",
            "SystemAccessException", "ConfigurationErrorException");

    private static final Set<String> PERMANENT = Set.of("InvalidDocumentException", "InvalidMessageException",
            "NoNameSpaceSpecifiedException", "UnknownRequestException", "UnknownActionException",
            "UnexpectedInputException", "InvalidDataFormatException", "InvalidGridCategoryException",
            "InsufficientDataToCreateSubscriberException", "InsufficientInformationToCompleteActionException",
            "ConflictingInformationException", "ItemNotFoundException", "MismatchedTargetGroupsException",
            "MultipleDefaultTargetGroupsException");

    private FaultClassification() {
    }

    /** Codes outside the documented lists are taken as server-side system errors, hence retryable. */
    static FailureKind ofFaultCode(String code) {
        if (code != null && CONFIGURATION.contains(code)) {
            return FailureKind.CONFIGURATION;
        }
        if (code != null && PERMANENT.contains(code)) {
            return FailureKind.PERMANENT;
        }
        return FailureKind.TRANSIENT;
    }

    static FailureKind ofHttpStatus(int status) {
        if (status == 401 || status == 403 || status == 404) {
            return FailureKind.CONFIGURATION;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return FailureKind.TRANSIENT;
        }
        return FailureKind.PERMANENT;
    }
}

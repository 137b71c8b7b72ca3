package com.idss.informzsync.application.crm;

import jakarta.ejb.ApplicationException;
import java.util.List;

/** Input a use case refuses, with every reason in words a CRM user understands. Nothing was saved. */
@ApplicationException(rollback = true)
public class InvalidInputException extends RuntimeException {

    private final List<String> reasons;

    public InvalidInputException(List<String> reasons) {
        super(String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public InvalidInputException(String reason) {
        this(List.of(reason));
    }

    public List<String> reasons() {
        return reasons;
    }
}

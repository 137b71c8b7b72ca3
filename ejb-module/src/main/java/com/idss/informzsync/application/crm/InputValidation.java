package com.idss.informzsync.application.crm;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Bean Validation before saving, so that a refusal carries every reason and nothing half-saved. */
final class InputValidation {

    private InputValidation() {
    }

    static <T> T requireValid(Validator validator, T entity) {
        Set<ConstraintViolation<T>> violations = validator.validate(entity);
        if (!violations.isEmpty()) {
            List<String> reasons = violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(ConstraintViolation::getMessage)
                    .toList();
            throw new InvalidInputException(reasons);
        }
        return entity;
    }
}

package eu.billing.customers.platform.problem;

import java.util.List;

/** A request whose fields are invalid; names every bad field at once. */
public class ValidationFailed extends DomainException {

    private final List<FieldError> errors;

    public ValidationFailed(List<FieldError> errors) {
        super(ErrorCode.VALIDATION_FAILED, describe(errors));
        this.errors = List.copyOf(errors);
        with("errors", this.errors);
    }

    public static ValidationFailed of(String field, String message) {
        return new ValidationFailed(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        if (errors.size() == 1) {
            return errors.get(0).field() + ": " + errors.get(0).message();
        }
        return errors.size() + " fields are invalid";
    }
}

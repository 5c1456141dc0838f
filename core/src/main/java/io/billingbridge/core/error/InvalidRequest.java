package io.billingbridge.core.error;

import java.util.Optional;

/** The request is malformed or names something not allowed; {@link #param()} says which field. */
public final class InvalidRequest extends BillingException {
    private final String param;

    public InvalidRequest(String code, String message) {
        this(code, message, null);
    }

    public InvalidRequest(String code, String message, String param) {
        super(code, message, null);
        this.param = param;
    }

    /** The offending request field, when one is to blame. */
    public Optional<String> param() {
        return Optional.ofNullable(param);
    }
}

package io.billingbridge.http;

import jakarta.ws.rs.WebApplicationException;

/** The request body exceeds the configured limit. */
public final class PayloadTooLarge extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLarge(long limit) {
        super("the request body is larger than " + limit + " bytes", 413);
    }
}

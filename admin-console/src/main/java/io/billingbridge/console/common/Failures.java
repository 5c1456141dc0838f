package io.billingbridge.console.common;

import io.billingbridge.console.service.AdminApiException;

/** Turns a failed call into the sentence the console shows: the server's message and Request-Id, never a trace. */
public final class Failures {
    private static final System.Logger LOG = System.getLogger(Failures.class.getName());

    private Failures() {
    }

    /** The text to show for {@code failure}. */
    public static String describe(Exception failure) {
        if (failure instanceof AdminApiException api) {
            return api.forPeople();
        }
        LOG.log(System.Logger.Level.WARNING, "unexpected failure in the console", failure);
        return "Something went wrong in the console (" + failure.getClass().getSimpleName()
                + ").";
    }

    /** Whether {@code failure} is the server refusing the token, so the user must connect again. */
    public static boolean unauthorized(Exception failure) {
        return failure instanceof AdminApiException api && api.unauthorized();
    }
}

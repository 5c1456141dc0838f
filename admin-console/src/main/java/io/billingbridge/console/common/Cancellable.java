package io.billingbridge.console.common;

/** Something started that can be stopped: a background call or a delayed action. */
@FunctionalInterface
public interface Cancellable {

    /** Stops it; its result, if any arrives, is dropped. Cancelling twice, or after it finished, does nothing. */
    void cancel();
}

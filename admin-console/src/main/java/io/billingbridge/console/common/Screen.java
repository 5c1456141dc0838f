package io.billingbridge.console.common;

/** A screen's ViewModel, told when the user leaves it so it cancels its calls. */
public interface Screen {

    /** Cancels every call still running for this screen. */
    void close();
}

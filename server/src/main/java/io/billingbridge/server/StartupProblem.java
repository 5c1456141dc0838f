package io.billingbridge.server;

/** A misconfiguration or missing dependency at start-up; its message is the one line the operator sees. */
public class StartupProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupProblem(String message) {
        super(message, null, false, false);
    }
}

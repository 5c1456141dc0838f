package io.billingbridge.clerk;

/** A session token failed one check; internal to the verifier, which turns it into a generic 401. */
final class TokenRejected extends Exception {
    private static final long serialVersionUID = 1L;

    private final TokenCheck check;

    TokenRejected(TokenCheck check) {
        super(check.description(), null, false, false);
        this.check = check;
    }

    TokenCheck check() {
        return check;
    }
}

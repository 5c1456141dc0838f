package io.billingbridge.sandbox.stripe;

/** What caused a change, recorded in each event's {@code request} hash; both null for automatic changes. */
record Origin(String requestId, String idempotencyKey) {

    static final Origin AUTOMATIC = new Origin(null, null);
}

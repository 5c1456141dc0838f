package io.billingbridge.core.usage;

/** Where a stored usage event is on its way to Stripe. */
public enum UsageState {
    /** To be sent (again) when due. */
    PENDING("pending"),
    /** Kept until its owner has a customer with a subscription metering it ({@code usage.keepUntilSubscribed}). */
    WAITING("waiting"),
    /** Stripe has it. */
    SENT("sent"),
    /** Stripe refused it for good; it will not be billed. */
    REJECTED("rejected");

    private final String wireName;

    UsageState(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the database, e.g. {@code pending}. */
    public String wireName() {
        return wireName;
    }
}

package io.billingbridge.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;

/**
 * {@code usage:} how usage reported on {@code POST /v1/usage} is taken and forwarded to Stripe's meter events API
 * (whose request budget is {@code stripe.meterEventsPerSecond}).
 *
 * <pre>
 * usage:
 *   keepUntilSubscribed: false
 *   forwardEvery: 2s
 *   recheckWaitingEvery: 30s
 *   parallelSends: 8
 * </pre>
 */
public class UsageSection {
    /** The longest pause between forwarding runs; each accepted report also starts one at once. */
    static final java.time.Duration MAX_FORWARD_EVERY = java.time.Duration.ofMinutes(1);

    /**
     * Keep usage of owners without a Stripe customer or without a live subscription metering it, and forward it
     * once they have one, instead of refusing it with 404 {@code usage_owner_unknown} or 409
     * {@code usage_not_metered}.
     */
    @JsonProperty
    private boolean keepUntilSubscribed;

    /** How often the forwarder looks for due events (retries, other instances' reports, waiting usage). */
    @JsonProperty
    private Duration forwardEvery = Duration.seconds(2);

    /** How often kept usage is checked for a subscription metering it (with {@code keepUntilSubscribed}). */
    @JsonProperty
    private Duration recheckWaitingEvery = Duration.seconds(30);

    /**
     * How many customers' events are sent to Stripe at once (each customer's and meter's one at a time, as Stripe
     * takes them); the budget {@code stripe.meterEventsPerSecond} bounds them all.
     */
    @JsonProperty
    private int parallelSends = 8;

    public boolean isKeepUntilSubscribed() {
        return keepUntilSubscribed;
    }

    public void setKeepUntilSubscribed(boolean keepUntilSubscribed) {
        this.keepUntilSubscribed = keepUntilSubscribed;
    }

    public void setForwardEvery(Duration forwardEvery) {
        this.forwardEvery = forwardEvery;
    }

    public void setRecheckWaitingEvery(Duration recheckWaitingEvery) {
        this.recheckWaitingEvery = recheckWaitingEvery;
    }

    public void setParallelSends(int parallelSends) {
        this.parallelSends = parallelSends;
    }

    /**
     * How many customers' events are sent at once.
     *
     * @throws StartupProblem when it is not between 1 and 64
     */
    int parallelSends() {
        if (parallelSends < 1 || parallelSends > 64) {
            throw new StartupProblem("usage.parallelSends must be between 1 and 64, was " + parallelSends);
        }
        return parallelSends;
    }

    /**
     * How often kept usage is checked.
     *
     * @throws StartupProblem when it is under a second or over a day
     */
    java.time.Duration recheckWaitingEvery() {
        java.time.Duration every = recheckWaitingEvery.toJavaDuration();
        if (every.toMillis() < 1000 || every.compareTo(java.time.Duration.ofDays(1)) > 0) {
            throw new StartupProblem("usage.recheckWaitingEvery must be between 1s and 1d, was "
                    + recheckWaitingEvery);
        }
        return every;
    }

    /**
     * The pause between forwarding runs.
     *
     * @throws StartupProblem when it is not between 100 ms and a minute
     */
    java.time.Duration forwardEvery() {
        java.time.Duration every = forwardEvery.toJavaDuration();
        if (every.toMillis() < 100 || every.compareTo(MAX_FORWARD_EVERY) > 0) {
            throw new StartupProblem("usage.forwardEvery must be between 100ms and 1m, was " + forwardEvery);
        }
        return every;
    }
}

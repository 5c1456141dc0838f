package io.billingbridge.core.account;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a {@link CreationClaim} lasts and how long a caller waits for someone else's creation to finish.
 *
 * <p>The claim must outlast the whole creation (a Clerk profile call and two Stripe calls), or a second caller
 * takes over while the first is still working; that costs a duplicate request to Stripe, never a second customer
 * (the idempotency key and the metadata search see to that). A caller still waiting after {@code maxWait} is told
 * to retry (a 503), so an HTTP request never hangs for a whole lease behind a crashed holder.
 *
 * @param length how long a claim lasts from when it is taken
 * @param maxWait how long a caller waits, polling the owner's row, for another holder's creation to finish
 */
public record CreationLease(Duration length, Duration maxWait) {
    /**
     * 90 s lease, 20 s wait. The lease covers a Clerk profile call with its retries (by default 3 tries of 10 s and
     * up to 10 s between them) and two Stripe calls of {@code stripe.requestTimeout} (5 s each by default); the
     * wait covers a usual creation even with a slow Stripe and stays under the 30 s at which clients commonly give
     * up.
     */
    public static final CreationLease DEFAULT = new CreationLease(Duration.ofSeconds(90), Duration.ofSeconds(20));

    public CreationLease {
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(maxWait, "maxWait");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("length must be positive");
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative");
        }
    }
}

package io.billingbridge.core.snapshot;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscription whose payment collection is paused: what happens to its invoices meanwhile, and when collection
 * resumes by itself (if ever).
 *
 * @param behavior Stripe's {@code keep_as_draft}, {@code mark_uncollectible} or {@code void}
 */
public record PauseCollectionView(String behavior, Optional<Instant> resumesAt) {
    public PauseCollectionView {
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(resumesAt, "resumesAt");
    }
}

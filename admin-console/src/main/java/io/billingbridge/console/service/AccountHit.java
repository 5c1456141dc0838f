package io.billingbridge.console.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One search result.
 *
 * @param customer null when the owner has no Stripe customer yet
 * @param name null when the profile has none
 * @param email masked by the server ({@code a***@example.com}); null when none
 * @param lastSyncedAt null when never synced
 * @param match the tier the hit was found in: {@code exact}, {@code prefix} or {@code contains}
 */
public record AccountHit(Owner owner, String customer, String name, String email, List<PlanItem> plan,
        String syncState, Instant lastSyncedAt, boolean snapshotOutOfDate, String match) {
    public AccountHit {
        Objects.requireNonNull(owner, "owner");
        plan = plan == null ? List.of() : List.copyOf(plan);
        Objects.requireNonNull(syncState, "syncState");
    }

    /** The plan as one line: {@code Pro (active), Seats (trialing)}. */
    public String planSummary() {
        return plan.stream().map(p -> p.product() + " (" + p.status() + ")").collect(Collectors.joining(", "));
    }
}

package io.billingbridge.core.admin;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.owner.Owner;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One account found by a support search: enough to recognise the owner and see its state at a glance.
 *
 * @param email masked: the address itself never leaves the server
 * @param plan each subscription item of the stored snapshot; empty without a snapshot
 * @param lastSyncedAt when the stored snapshot was fetched; empty without one
 * @param snapshotOutOfDate whether a change was seen that the stored snapshot does not show yet
 * @param match the best tier the account matched in
 */
public record AccountHit(Owner owner, Optional<CustomerId> customer, Optional<String> name,
        Optional<MaskedEmail> email, List<PlanLine> plan, SyncState syncState, Optional<Instant> lastSyncedAt,
        boolean snapshotOutOfDate, MatchTier match) {
    public AccountHit {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        plan = List.copyOf(plan);
        Objects.requireNonNull(syncState, "syncState");
        Objects.requireNonNull(lastSyncedAt, "lastSyncedAt");
        Objects.requireNonNull(match, "match");
    }
}

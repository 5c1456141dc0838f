package io.billingbridge.core.snapshot;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One difference between the local accounts and the payment provider's customers, found by
 * {@link ReconcileAccounts}, and what was done about it.
 *
 * @param kind what differs
 * @param owner the owner it concerns
 * @param customers the customers concerned: the orphan, every customer of a duplicate, the dead or stale one
 * @param linked the customer the owner's account is linked to, if any
 * @param liveSubscriptions those of {@code customers} that have a live subscription (checked for duplicates only)
 * @param resolution what the reconcile did or would do
 * @param note one line for a person: why, or what is left to decide
 */
public record Drift(Kind kind, Owner owner, List<CustomerId> customers, Optional<CustomerId> linked,
        List<CustomerId> liveSubscriptions, Resolution resolution, String note) {
    public Drift {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        customers = List.copyOf(customers);
        Objects.requireNonNull(linked, "linked");
        liveSubscriptions = List.copyOf(liveSubscriptions);
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(note, "note");
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("a drift concerns at least one customer");
        }
        if (!customers.containsAll(liveSubscriptions)) {
            throw new IllegalArgumentException("live subscriptions are among the drift's customers");
        }
    }

    /** The same drift with what was done about it. */
    public Drift resolved(Resolution now, String why) {
        return new Drift(kind, owner, customers, linked, liveSubscriptions, now, why);
    }

    /** What differs between the local accounts and the provider. */
    public enum Kind {
        /** The owner's account has no customer, while exactly one live customer names the owner. */
        MISSING_MAPPING("missing_mapping"),
        /** A live customer names an owner that has no local account at all. */
        ORPHAN_CUSTOMER("orphan_customer"),
        /** More than one live customer names the owner (or is linked to it). */
        DUPLICATE_CUSTOMERS("duplicate_customers"),
        /** The owner's account is linked to a customer the provider says was deleted or never existed. */
        DEAD_MAPPING("dead_mapping"),
        /** The owner's stored snapshot was never synced, or is marked out of date. */
        STALE_SNAPSHOT("stale_snapshot");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** The name in the command's output and JSON. */
        public String wireName() {
            return wireName;
        }
    }

    /** What the reconcile did, or without {@code --fix} would do. */
    public enum Resolution {
        /** Found, and safe to repair: a run with {@code --fix} repairs it. */
        FIXABLE("fixable"),
        /** Repaired now. */
        FIXED("fixed"),
        /** Not repaired automatically: a person decides (see the note). */
        LEFT_FOR_PERSON("left_for_person"),
        /** Nothing to do any more: the account changed between the walk and the repair. */
        SKIPPED("skipped"),
        /** The repair failed (see the log); a later run tries again. */
        FAILED("failed");

        private final String wireName;

        Resolution(String wireName) {
            this.wireName = wireName;
        }

        /** The name in the command's output and JSON. */
        public String wireName() {
            return wireName;
        }
    }
}

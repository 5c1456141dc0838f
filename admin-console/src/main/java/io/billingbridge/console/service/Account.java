package io.billingbridge.console.service;

import java.time.Instant;
import java.util.Objects;

/**
 * An owner's billing account: the mapping to its Stripe customer and the state of its sync.
 *
 * @param customer null when the owner has no customer yet
 * @param profileName null when the profile has no name
 */
public record Account(Owner owner, String customer, String syncState, String profileName, Instant createdAt,
        Instant updatedAt, boolean snapshotOutOfDate) {
    public Account {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(syncState, "syncState");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}

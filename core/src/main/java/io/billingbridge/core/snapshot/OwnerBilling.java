package io.billingbridge.core.snapshot;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.owner.Owner;
import java.util.Objects;
import java.util.Optional;

/**
 * An owner's account and the stored snapshot of its current customer, as read together in one query.
 *
 * @param owner the owner both were read for
 * @param account the owner's account, empty when none was ever reserved
 * @param stored the snapshot of the account's customer, empty when there is no customer or it was never synced
 */
public record OwnerBilling(Owner owner, Optional<BillingAccount> account, Optional<StoredSnapshot> stored) {
    public OwnerBilling {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(stored, "stored");
        if (account.isPresent() && !account.get().owner().equals(owner)) {
            throw new IllegalArgumentException("the account belongs to the owner read");
        }
        if (stored.isPresent() && !stored.get().snapshot().customerId()
                .equals(account.flatMap(BillingAccount::customerId).orElse(null))) {
            throw new IllegalArgumentException("the snapshot is the one of the account's customer");
        }
    }

    /** An owner with no account, hence no snapshot. */
    public static OwnerBilling none(Owner owner) {
        return new OwnerBilling(owner, Optional.empty(), Optional.empty());
    }
}

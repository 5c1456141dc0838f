package io.billingbridge.core.account;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link BillingAccounts#relink} did: the account afterwards and the customer it replaced, if any.
 *
 * @param account the account, linked to the new customer
 * @param previous the customer released to make room, empty when the owner had none or already had this one
 */
public record Relinked(BillingAccount account, Optional<CustomerId> previous) {
    public Relinked {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(previous, "previous");
    }
}

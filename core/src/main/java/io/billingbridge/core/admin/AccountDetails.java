package io.billingbridge.core.admin;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.snapshot.StoredSnapshot;
import java.util.Objects;
import java.util.Optional;

/**
 * An owner's billing account and its stored snapshot, as support sees them.
 *
 * @param snapshot empty until the customer was first synced
 */
public record AccountDetails(BillingAccount account, Optional<StoredSnapshot> snapshot) {
    public AccountDetails {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(snapshot, "snapshot");
    }

    /** The audit detail: the customer id, or {@code no_customer}. */
    String auditDetail() {
        return account.customerId().map(c -> c.value()).orElse("no_customer");
    }
}

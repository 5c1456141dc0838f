package io.billingbridge.core.admin;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;

/** Parses the owner an admin request names by type and id. */
final class AdminOwners {
    private AdminOwners() {
    }

    static Owner parse(String ownerType, String ownerId) {
        OwnerType type = OwnerType.fromWireName(ownerType == null ? "" : ownerType)
                .orElseThrow(() -> new InvalidRequest("invalid_owner", "owner type must be 'user' or 'organization'",
                        "ownerType"));
        if (ownerId == null || ownerId.isBlank() || ownerId.length() > 128) {
            throw new InvalidRequest("invalid_owner", "owner id must be 1-128 characters", "ownerId");
        }
        try {
            return Owner.of(type, ownerId);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("invalid_owner", "owner id is not a valid id", "ownerId");
        }
    }

    /** The owner's billing account, or {@link NotFound}. */
    static BillingAccount account(BillingAccounts accounts, Owner owner) {
        return accounts.find(owner).orElseThrow(() -> new NotFound("account_not_found", "the owner has no billing account"));
    }
}

package io.billingbridge.core.checkout;

import io.billingbridge.core.error.OwnerNotFound;
import io.billingbridge.core.identity.IdentityDirectory;
import io.billingbridge.core.owner.Owner;
import java.util.Objects;

/** Counts seats: an organization's members (at least one); a user is one seat. */
public final class SeatCounter {
    private final IdentityDirectory directory;

    public SeatCounter(IdentityDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** How many seats the owner needs now. */
    public long count(Owner owner) {
        if (owner instanceof Owner.Organization org) {
            int members = directory.findOrganization(org.organizationId())
                    .orElseThrow(() -> new OwnerNotFound("the organization does not exist"))
                    .membersCount()
                    .orElseGet(() -> directory.memberships(org.organizationId()).size());
            return Math.max(1, members);
        }
        return 1;
    }
}

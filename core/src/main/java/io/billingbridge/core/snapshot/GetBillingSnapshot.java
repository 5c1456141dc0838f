package io.billingbridge.core.snapshot;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Guard;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.owner.Owner;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Returns an owner's billing data from the local snapshot: no provider call on a normal read.
 *
 * <p>With no snapshot yet it syncs now; with a snapshot marked out of date it tries to sync and, if the
 * provider is down, serves what it has, marked stale.
 */
public final class GetBillingSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(GetBillingSnapshot.class);

    private final Guard guard;
    private final BillingAccounts accounts;
    private final Snapshots snapshots;
    private final SyncSnapshot sync;

    public GetBillingSnapshot(Guard guard, BillingAccounts accounts, Snapshots snapshots, SyncSnapshot sync) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.sync = Objects.requireNonNull(sync, "sync");
    }

    /** The owner's billing as the caller may see it. */
    public BillingView read(Principal principal, String ownerType, Optional<String> organizationId) {
        Owner owner = guard.authorize(principal, ownerType, organizationId, Action.READ_PLAN);
        return view(principal, owner);
    }

    /** The billing of an owner the caller was already authorized to read the plan of. */
    BillingView view(Principal principal, Owner owner) {
        boolean details = guard.permits(principal, owner, Action.READ_BILLING_DETAILS);
        Optional<CustomerId> customer = accounts.find(owner).flatMap(BillingAccount::customerId);
        if (customer.isEmpty()) {
            return BillingView.none(owner, details);
        }
        Optional<StoredSnapshot> stored = snapshots.find(customer.get());
        if (stored.isEmpty()) {
            return BillingView.of(owner, sync.sync(owner, customer.get()), details, false);
        }
        if (!stored.get().dirty()) {
            return BillingView.of(owner, stored.get().snapshot(), details, false);
        }
        try {
            return BillingView.of(owner, sync.sync(owner, customer.get()), details, false);
        } catch (ProviderUnavailable e) {
            LOG.warn("serving a stale snapshot of {} ({}): provider unavailable", owner.key(), customer.get());
            return BillingView.of(owner, stored.get().snapshot(), details, true);
        }
    }
}

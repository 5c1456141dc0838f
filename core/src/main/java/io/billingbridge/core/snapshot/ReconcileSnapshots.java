package io.billingbridge.core.snapshot;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.owner.Owner;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-syncs the snapshot of every active account from the provider, to repair what missed webhooks left stale.
 *
 * <p>One account's failure is counted and logged, and the walk goes on.
 */
public final class ReconcileSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileSnapshots.class);
    private static final int PAGE = 100;

    private final BillingAccounts accounts;
    private final SyncSnapshot sync;

    public ReconcileSnapshots(BillingAccounts accounts, SyncSnapshot sync) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.sync = Objects.requireNonNull(sync, "sync");
    }

    /**
     * What a reconcile did.
     *
     * @param synced accounts whose snapshot was re-fetched and stored
     * @param failed accounts whose snapshot could not be re-fetched (see the log)
     */
    public record Result(int synced, int failed) {
    }

    /** Walks every active account and re-syncs its snapshot. */
    public Result run() {
        int synced = 0;
        int failed = 0;
        Optional<Owner> after = Optional.empty();
        while (true) {
            List<BillingAccount> page = accounts.active(after, PAGE);
            for (BillingAccount account : page) {
                CustomerId customer = account.customerId().orElseThrow();
                try {
                    sync.syncForEvent(account.owner(), customer);
                    synced++;
                } catch (BillingException e) {
                    LOG.warn("reconcile: {} ({}) not synced: {}", account.owner().key(), customer, e.code());
                    failed++;
                }
            }
            if (page.size() < PAGE) {
                return new Result(synced, failed);
            }
            after = Optional.of(page.get(page.size() - 1).owner());
        }
    }
}

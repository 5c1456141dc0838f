package io.billingbridge.core.snapshot;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.EnsureCustomer;
import io.billingbridge.core.account.WalkProgress;
import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.error.OwnerNotFound;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.OwnedCustomer;
import io.billingbridge.core.payment.OwnedCustomerPage;
import io.billingbridge.core.payment.PaymentProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the local accounts with the payment provider's customers that name an owner, reports each
 * {@link Drift}, and on request repairs what is safe to repair.
 *
 * <p>Reads every page of the provider's customers, one page at a time (the adapter keeps to the provider's rate
 * limits), then every active account. Safe repairs use the paths the service itself uses: an orphan is linked
 * under a creation claim ({@link EnsureCustomer#adopt}), so it never races a checkout creating a customer; a dead
 * mapping is released only once the provider confirms the customer is gone ({@link EnsureCustomer#releaseIfGone});
 * a stale snapshot is re-synced ({@link SyncSnapshot#syncForEvent}). Duplicates are never repaired: which customer
 * to keep, and what to do with the others' payment methods, invoices and subscriptions, is a person's decision.
 */
public final class ReconcileAccounts {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileAccounts.class);
    private static final int PAGE = 100;
    private static final Comparator<Drift> ORDER = Comparator.comparing(Drift::kind)
            .thenComparing(d -> d.owner().key());

    private final BillingAccounts accounts;
    private final Snapshots snapshots;
    private final PaymentProvider payments;
    private final SyncSnapshot sync;
    private final EnsureCustomer ensureCustomer;

    public ReconcileAccounts(BillingAccounts accounts, Snapshots snapshots, PaymentProvider payments,
            SyncSnapshot sync, EnsureCustomer ensureCustomer) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.ensureCustomer = Objects.requireNonNull(ensureCustomer, "ensureCustomer");
    }

    /**
     * What a reconcile found and did.
     *
     * @param drift every difference found, ordered by kind then owner, with what was done about it
     * @param customersScanned the provider's live customers read, owned or not
     * @param ownedCustomers those of them whose metadata names an owner
     * @param accountsChecked the active local accounts compared
     * @param fix whether repairs were attempted
     */
    public record Report(List<Drift> drift, int customersScanned, int ownedCustomers, int accountsChecked,
            boolean fix) {
        public Report {
            drift = List.copyOf(drift);
        }

        /** How many drifts are of this kind. */
        public long count(Drift.Kind kind) {
            return drift.stream().filter(d -> d.kind() == kind).count();
        }

        /** How many drifts ended with this resolution. */
        public long count(Drift.Resolution resolution) {
            return drift.stream().filter(d -> d.resolution() == resolution).count();
        }
    }

    /** Walks, compares and reports; repairs the safe drift too when {@code fix}. */
    public Report run(boolean fix, WalkProgress progress) {
        return run(fix, false, progress);
    }

    /**
     * Walks, compares and reports; repairs the safe drift too when {@code fix}.
     *
     * @param resyncAll count every live account's snapshot as stale, as after restoring the database from a
     *     backup, when stored snapshots are older than Stripe's state but not marked so
     */
    public Report run(boolean fix, boolean resyncAll, WalkProgress progress) {
        Objects.requireNonNull(progress, "progress");
        try {
            Remote remote = remote(progress);
            Local local = local(remote, resyncAll, progress);
            List<Drift> found = new ArrayList<>(local.drift);
            found.addAll(unlinked(remote, local));
            found.sort(ORDER);
            List<Drift> done = fix ? fix(found, progress) : found;
            return new Report(done, remote.scanned, remote.customers.size(), local.checked, fix);
        } finally {
            progress.finish();
        }
    }

    /** The provider's side: every live customer that names an owner, grouped by owner. */
    private record Remote(Map<Owner, List<CustomerId>> byOwner, Set<CustomerId> customers, int scanned) {
    }

    private Remote remote(WalkProgress progress) {
        progress.stage("Stripe customers", OptionalLong.empty());
        Map<Owner, List<CustomerId>> byOwner = new LinkedHashMap<>();
        Set<CustomerId> customers = new HashSet<>();
        int scanned = 0;
        Optional<CustomerId> after = Optional.empty();
        do {
            OwnedCustomerPage page = payments.ownedCustomers(after);
            for (OwnedCustomer owned : page.owned()) {
                byOwner.computeIfAbsent(owned.owner(), o -> new ArrayList<>()).add(owned.customer());
                customers.add(owned.customer());
            }
            scanned += page.scanned();
            progress.advance(page.scanned());
            after = page.next();
        } while (after.isPresent());
        return new Remote(byOwner, customers, scanned);
    }

    /** The local side: live links by owner, every linked customer, and the drift seen from the accounts. */
    private record Local(Map<Owner, CustomerId> live, Map<CustomerId, Owner> linked, List<Drift> drift,
            int checked) {
    }

    private Local local(Remote remote, boolean resyncAll, WalkProgress progress) {
        // Each owned customer is usually one linked account: an estimate, good enough for a progress bar.
        progress.stage("accounts", OptionalLong.of(remote.customers.size()));
        Map<Owner, CustomerId> live = new HashMap<>();
        Map<CustomerId, Owner> linked = new HashMap<>();
        List<Drift> drift = new ArrayList<>();
        int checked = 0;
        Optional<Owner> after = Optional.empty();
        while (true) {
            List<BillingAccount> page = accounts.active(after, PAGE);
            for (BillingAccount account : page) {
                Owner owner = account.owner();
                CustomerId customer = account.customerId().orElseThrow();
                linked.put(customer, owner);
                checked++;
                progress.advance(1);
                if (!remote.customers.contains(customer) && payments.customerMetadata(customer).isEmpty()) {
                    drift.add(new Drift(Drift.Kind.DEAD_MAPPING, owner, List.of(customer), Optional.of(customer),
                            List.of(), Drift.Resolution.FIXABLE,
                            "Stripe says the customer was deleted or never existed; --fix releases it"));
                    continue;
                }
                live.put(owner, customer);
                Optional<StoredSnapshot> stored = snapshots.find(customer);
                if (stored.isEmpty() || stored.get().dirty() || resyncAll) {
                    String why = stored.isEmpty() ? "never synced" : stored.get().dirty() ? "marked out of date"
                            : "re-sync of every snapshot asked for";
                    drift.add(new Drift(Drift.Kind.STALE_SNAPSHOT, owner, List.of(customer), Optional.of(customer),
                            List.of(), Drift.Resolution.FIXABLE, why + "; --fix re-syncs it"));
                }
            }
            if (page.size() < PAGE) {
                return new Local(live, linked, drift, checked);
            }
            after = Optional.of(page.get(page.size() - 1).owner());
        }
    }

    /** Owners that more than one customer names, or whose one customer is not linked. */
    private List<Drift> unlinked(Remote remote, Local local) {
        List<Drift> drift = new ArrayList<>();
        for (Map.Entry<Owner, List<CustomerId>> entry : remote.byOwner.entrySet()) {
            Owner owner = entry.getKey();
            Optional<CustomerId> link = Optional.ofNullable(local.live.get(owner));
            List<CustomerId> customers = new ArrayList<>(entry.getValue());
            link.filter(c -> !customers.contains(c)).ifPresent(customers::add);
            customers.removeIf(c -> local.linked.containsKey(c) && !local.linked.get(c).equals(owner));
            customers.sort(Comparator.comparing(CustomerId::value));
            if (customers.size() > 1) {
                drift.add(duplicate(owner, customers, link));
            } else if (customers.size() == 1 && link.isEmpty()) {
                boolean hasRow = accounts.find(owner).isPresent();
                drift.add(new Drift(hasRow ? Drift.Kind.MISSING_MAPPING : Drift.Kind.ORPHAN_CUSTOMER, owner,
                        customers, Optional.empty(), List.of(), Drift.Resolution.FIXABLE,
                        "the customer's metadata names this owner, which has no customer; --fix links it"));
            }
        }
        return drift;
    }

    private Drift duplicate(Owner owner, List<CustomerId> customers, Optional<CustomerId> link) {
        List<CustomerId> subscribed = customers.stream().filter(payments::hasLiveSubscription).toList();
        String note = customers.size() + " live customers name this owner, " + subscribed.size()
                + " with a live subscription; "
                + (subscribed.isEmpty() ? "which to keep, and whether to delete the others, is a person's decision"
                        : "merging or canceling subscriptions is a person's decision");
        return new Drift(Drift.Kind.DUPLICATE_CUSTOMERS, owner, customers, link, subscribed,
                Drift.Resolution.LEFT_FOR_PERSON, note);
    }

    private List<Drift> fix(List<Drift> found, WalkProgress progress) {
        long fixable = found.stream().filter(d -> d.resolution() == Drift.Resolution.FIXABLE).count();
        progress.stage("repairs", OptionalLong.of(fixable));
        Map<Drift, Drift> done = new HashMap<>();
        for (Drift.Kind kind : List.of(Drift.Kind.DEAD_MAPPING, Drift.Kind.MISSING_MAPPING,
                Drift.Kind.ORPHAN_CUSTOMER, Drift.Kind.STALE_SNAPSHOT)) {
            for (Drift drift : found) {
                if (drift.kind() == kind && drift.resolution() == Drift.Resolution.FIXABLE) {
                    done.put(drift, repair(drift));
                    progress.advance(1);
                }
            }
        }
        return found.stream().map(d -> done.getOrDefault(d, d)).toList();
    }

    private Drift repair(Drift drift) {
        Owner owner = drift.owner();
        CustomerId customer = drift.customers().get(0);
        try {
            return switch (drift.kind()) {
                case DEAD_MAPPING -> ensureCustomer.releaseIfGone(owner, customer)
                        ? drift.resolved(Drift.Resolution.FIXED, "released; the owner's next checkout creates a customer")
                        : drift.resolved(Drift.Resolution.SKIPPED, "not linked to it any more, or Stripe has it again");
                case MISSING_MAPPING, ORPHAN_CUSTOMER -> {
                    if (ensureCustomer.adopt(owner, customer).isEmpty()) {
                        yield drift.resolved(Drift.Resolution.SKIPPED, "the owner got a customer meanwhile, or one"
                                + " is being created; run reconcile again");
                    }
                    sync.sync(owner, customer);
                    yield drift.resolved(Drift.Resolution.FIXED, "linked and synced");
                }
                case STALE_SNAPSHOT -> {
                    sync.syncForEvent(owner, customer);
                    yield drift.resolved(Drift.Resolution.FIXED, "re-synced");
                }
                case DUPLICATE_CUSTOMERS -> drift;
            };
        } catch (OwnerNotFound e) {
            LOG.warn("reconcile: {} ({}) not repaired: Clerk does not know the owner", owner.key(), customer);
            return drift.resolved(Drift.Resolution.LEFT_FOR_PERSON,
                    "Clerk does not know this owner: delete the customer, or link it with the admin relink");
        } catch (BillingException e) {
            LOG.warn("reconcile: {} {} ({}) not repaired: {}", drift.kind().wireName(), owner.key(), customer,
                    e.code());
            return drift.resolved(Drift.Resolution.FAILED, "repair failed: " + e.code() + "; run reconcile again");
        }
    }
}

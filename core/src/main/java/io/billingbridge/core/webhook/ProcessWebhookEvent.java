package io.billingbridge.core.webhook;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.EnsureCustomer;
import io.billingbridge.core.account.HandleOwnerDeleted;
import io.billingbridge.core.account.SyncCustomerProfile;
import io.billingbridge.core.catalog.Catalog;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.PaymentEvent;
import io.billingbridge.core.seats.SyncSeats;
import io.billingbridge.core.snapshot.Snapshots;
import io.billingbridge.core.snapshot.SyncSnapshot;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does what a recorded event calls for: always by re-reading state from Stripe or Clerk, never from the payload.
 */
public final class ProcessWebhookEvent {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessWebhookEvent.class);

    private final BillingAccounts accounts;
    private final Snapshots snapshots;
    private final SyncSnapshot sync;
    private final Catalog catalog;
    private final EnsureCustomer ensureCustomer;
    private final SyncCustomerProfile syncProfile;
    private final HandleOwnerDeleted ownerDeleted;
    private final SyncSeats seats;
    private final boolean eagerCustomers;

    /** @param eagerCustomers create the customer as soon as Clerk reports a new user or organization */
    public ProcessWebhookEvent(BillingAccounts accounts, Snapshots snapshots, SyncSnapshot sync, Catalog catalog,
            EnsureCustomer ensureCustomer, SyncCustomerProfile syncProfile, HandleOwnerDeleted ownerDeleted,
            SyncSeats seats, boolean eagerCustomers) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.ensureCustomer = Objects.requireNonNull(ensureCustomer, "ensureCustomer");
        this.syncProfile = Objects.requireNonNull(syncProfile, "syncProfile");
        this.ownerDeleted = Objects.requireNonNull(ownerDeleted, "ownerDeleted");
        this.seats = Objects.requireNonNull(seats, "seats");
        this.eagerCustomers = eagerCustomers;
    }

    /**
     * Processes one event.
     *
     * @throws io.billingbridge.core.error.BillingException when it should be retried later
     */
    public void process(LedgerEntry event) {
        switch (event.source()) {
            case STRIPE -> fromStripe(event);
            case CLERK -> fromClerk(event);
        }
    }

    private void fromStripe(LedgerEntry event) {
        if (PaymentEvent.changesCatalog(event.type())) {
            catalog.invalidate();
            return;
        }
        Optional<CustomerId> customer = event.subject().filter(s -> s.startsWith("cus_")).map(CustomerId::new);
        Optional<BillingAccount> account = customer.flatMap(accounts::findByCustomer);
        if (account.isEmpty()) {
            LOG.debug("stripe event {} ({}) concerns no customer of ours", event.eventId(), event.type());
            return;
        }
        snapshots.markDirty(customer.get());
        sync.syncForEvent(account.get().owner(), customer.get());
    }

    private void fromClerk(LedgerEntry event) {
        if (event.subject().isEmpty()) {
            return;
        }
        Owner owner = Owner.fromKey(event.subject().get());
        switch (event.type()) {
            case "user.created", "organization.created" -> {
                if (eagerCustomers) {
                    ensureCustomer.ensure(owner);
                }
            }
            case "user.updated", "organization.updated" -> syncProfile.sync(owner);
            case "user.deleted", "organization.deleted" -> ownerDeleted.handle(owner);
            case "organizationMembership.created", "organizationMembership.updated",
                    "organizationMembership.deleted" -> {
                if (owner instanceof Owner.Organization organization) {
                    seats.sync(organization);
                    syncProfile.sync(owner);
                }
            }
            default -> LOG.debug("clerk event type {} needs nothing", event.type());
        }
    }
}

package io.billingbridge.core.webhook;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.EnsureCustomer;
import io.billingbridge.core.account.HandleOwnerDeleted;
import io.billingbridge.core.account.SyncCustomerProfile;
import io.billingbridge.core.catalog.Catalog;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.events.RecordPaymentEvents;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.InvoiceId;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.seats.SyncSeats;
import io.billingbridge.core.snapshot.Snapshots;
import io.billingbridge.core.snapshot.SyncSnapshot;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does the work a recorded event asks for: always by re-reading state from Stripe or Clerk, never from the payload.
 *
 * <p>A customer Stripe reports deleted or missing (after {@code customer.deleted}) is released from its owner. The
 * checkout, invoice and trial events of one of our customers re-sync it as any other event naming it does, recording
 * the application's event between marking the snapshot out of date and syncing; a customer not ours costs no call.
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
    private final RecordPaymentEvents paymentEvents;
    private final WebhookWork.Handler handler = new Dispatch();

    /**
     * @param eagerCustomers create the customer as soon as Clerk reports a new user or organization
     * @param paymentEvents records the events to the application that Stripe's checkout, invoice and trial events
     *     call for
     */
    public ProcessWebhookEvent(BillingAccounts accounts, Snapshots snapshots, SyncSnapshot sync, Catalog catalog,
            EnsureCustomer ensureCustomer, SyncCustomerProfile syncProfile, HandleOwnerDeleted ownerDeleted,
            SyncSeats seats, boolean eagerCustomers, RecordPaymentEvents paymentEvents) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.ensureCustomer = Objects.requireNonNull(ensureCustomer, "ensureCustomer");
        this.syncProfile = Objects.requireNonNull(syncProfile, "syncProfile");
        this.ownerDeleted = Objects.requireNonNull(ownerDeleted, "ownerDeleted");
        this.seats = Objects.requireNonNull(seats, "seats");
        this.eagerCustomers = eagerCustomers;
        this.paymentEvents = Objects.requireNonNull(paymentEvents, "paymentEvents");
    }

    /**
     * Does one piece of work.
     *
     * @throws io.billingbridge.core.error.BillingException when it should be retried later
     */
    public void process(WebhookWork work) {
        work.handleBy(handler);
    }

    /** One method per kind of work; the compiler holds it to every case of {@link WebhookWork}. */
    private final class Dispatch implements WebhookWork.Handler {

        @Override
        public void resyncCustomer(CustomerId customer) {
            resync(customer, () -> { });
        }

        /**
         * Re-syncs one of our customers: marks its snapshot out of date first (reads say stale at once, even while
         * Stripe is slow), then does {@code first} (telling the application), then syncs.
         */
        private void resync(CustomerId customer, Runnable first) {
            Optional<BillingAccount> account = accounts.findByCustomer(customer);
            if (account.isEmpty()) {
                LOG.debug("customer {} is not one of ours", customer);
                return;
            }
            Owner owner = account.get().owner();
            snapshots.markDirty(customer);
            first.run();
            try {
                sync.syncForEvent(owner, customer);
            } catch (NotFound gone) {
                if (!ensureCustomer.releaseIfGone(owner, customer)) {
                    throw gone;
                }
            }
        }

        @Override
        public void refreshCatalog() {
            catalog.invalidate();
        }

        @Override
        public void ownerCreated(Owner owner) {
            if (eagerCustomers) {
                ensureCustomer.ensure(owner);
            }
        }

        @Override
        public void ownerChanged(Owner owner) {
            syncProfile.sync(owner);
        }

        @Override
        public void ownerDeleted(Owner owner) {
            ownerDeleted.handle(owner);
        }

        @Override
        public void membershipChanged(OrganizationId organization) {
            Owner.Organization owner = new Owner.Organization(organization);
            seats.sync(owner);
            syncProfile.sync(owner);
        }

        @Override
        public void checkoutCompleted(CustomerId customer, CheckoutSessionId session) {
            resync(customer, () -> paymentEvents.checkoutCompleted(session));
        }

        @Override
        public void invoicePaymentFailed(CustomerId customer, InvoiceId invoice) {
            resync(customer, () -> paymentEvents.invoicePaymentFailed(invoice));
        }

        @Override
        public void invoiceActionRequired(CustomerId customer, InvoiceId invoice) {
            resync(customer, () -> paymentEvents.invoiceActionRequired(invoice));
        }

        @Override
        public void trialWillEnd(CustomerId customer, SubscriptionId subscription) {
            resync(customer, () -> paymentEvents.trialWillEnd(subscription));
        }

        @Override
        public void nothing() {
            // recorded only so that a repeated delivery is recognised
        }
    }
}

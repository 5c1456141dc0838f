package io.billingbridge.core.webhook;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.InvoiceId;
import io.billingbridge.core.payment.SubscriptionId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified webhook event asks Billing Bridge to do, decided once by the verifier and stored as a
 * {@link #kind()} and a {@link #key()}.
 *
 * <p>Handling is exhaustive: every case calls its own method of {@link Handler}, so a new case does not compile
 * until every handler handles it. Work is re-done from fresh state, never from the event, so equal work in one batch
 * is done once.
 */
public sealed interface WebhookWork {

    /** The stored kind, e.g. {@code customer.resync}. */
    String kind();

    /** The stored key, e.g. {@code cus_NffrFeUfNV2Hib}; empty for kinds that concern no one in particular. */
    Optional<String> key();

    /**
     * The Stripe object the work re-reads, e.g. {@code cs_test_a1}, stored beside the key; empty for the kinds that
     * re-read state by their key alone.
     */
    default Optional<String> object() {
        return Optional.empty();
    }

    /** Every stored kind, one per case (the admin API documents them as its {@code work} values). */
    static List<String> kinds() {
        return List.of("customer.resync", "catalog.refresh", "owner.created", "owner.changed", "owner.deleted",
                "membership.changed", "checkout.completed", "invoice.payment_failed", "invoice.action_required",
                "subscription.trial_will_end", "none");
    }

    /** Calls the handler's method for this case. */
    void handleBy(Handler handler);

    /** The kind, key and object as one line for logs and support, e.g. {@code owner.changed user:user_2abc}. */
    default String describe() {
        return kind() + key().map(k -> " " + k).orElse("") + object().map(o -> " " + o).orElse("");
    }

    /**
     * Rebuilds work of a kind that names no object from its stored {@link #kind()} and {@link #key()}.
     *
     * @throws IllegalArgumentException when the kind is unknown or the key does not fit it
     */
    static WebhookWork parse(String kind, Optional<String> key) {
        return parse(kind, key, Optional.empty());
    }

    /**
     * Rebuilds work from its stored {@link #kind()}, {@link #key()} and {@link #object()}.
     *
     * @throws IllegalArgumentException when the kind is unknown or the key or object does not fit it
     */
    static WebhookWork parse(String kind, Optional<String> key, Optional<String> object) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(object, "object");
        WebhookWork work = switch (kind) {
            case "customer.resync" -> new ResyncCustomer(new CustomerId(keyOf(kind, key)));
            case "catalog.refresh" -> new RefreshCatalog();
            case "owner.created" -> new OwnerCreated(Owner.fromKey(keyOf(kind, key)));
            case "owner.changed" -> new OwnerChanged(Owner.fromKey(keyOf(kind, key)));
            case "owner.deleted" -> new OwnerDeleted(Owner.fromKey(keyOf(kind, key)));
            case "membership.changed" -> new MembershipChanged(new OrganizationId(keyOf(kind, key)));
            case "checkout.completed" -> new CheckoutCompleted(new CustomerId(keyOf(kind, key)),
                    new CheckoutSessionId(objectOf(kind, object)));
            case "invoice.payment_failed" -> new InvoicePaymentFailed(new CustomerId(keyOf(kind, key)),
                    new InvoiceId(objectOf(kind, object)));
            case "invoice.action_required" -> new InvoiceActionRequired(new CustomerId(keyOf(kind, key)),
                    new InvoiceId(objectOf(kind, object)));
            case "subscription.trial_will_end" -> new TrialWillEnd(new CustomerId(keyOf(kind, key)),
                    new SubscriptionId(objectOf(kind, object)));
            case "none" -> new Nothing();
            default -> throw new IllegalArgumentException("unknown webhook work kind '" + kind + "'");
        };
        if (!work.key().equals(key)) {
            throw new IllegalArgumentException("webhook work of kind " + kind + " takes no key");
        }
        if (!work.object().equals(object)) {
            throw new IllegalArgumentException("webhook work of kind " + kind + " names no object");
        }
        return work;
    }

    private static String keyOf(String kind, Optional<String> key) {
        return key.orElseThrow(() -> new IllegalArgumentException("webhook work of kind " + kind + " needs a key"));
    }

    private static String objectOf(String kind, Optional<String> object) {
        return object.orElseThrow(() -> new IllegalArgumentException("webhook work of kind " + kind
                + " needs the object it re-reads"));
    }

    /** Does each kind of work; implement every method, one per case. */
    interface Handler {
        void resyncCustomer(CustomerId customer);

        void refreshCatalog();

        void ownerCreated(Owner owner);

        void ownerChanged(Owner owner);

        void ownerDeleted(Owner owner);

        void membershipChanged(OrganizationId organization);

        void checkoutCompleted(CustomerId customer, CheckoutSessionId session);

        void invoicePaymentFailed(CustomerId customer, InvoiceId invoice);

        void invoiceActionRequired(CustomerId customer, InvoiceId invoice);

        void trialWillEnd(CustomerId customer, SubscriptionId subscription);

        void nothing();
    }

    /** Re-fetch this customer's billing state; whether the customer is ours is decided when the work is done. */
    record ResyncCustomer(CustomerId customer) implements WebhookWork {
        public ResyncCustomer {
            Objects.requireNonNull(customer, "customer");
        }

        @Override
        public String kind() {
            return "customer.resync";
        }

        @Override
        public Optional<String> key() {
            return Optional.of(customer.value());
        }

        @Override
        public void handleBy(Handler handler) {
            handler.resyncCustomer(customer);
        }
    }

    /** Re-read the prices and products. */
    record RefreshCatalog() implements WebhookWork {
        @Override
        public String kind() {
            return "catalog.refresh";
        }

        @Override
        public Optional<String> key() {
            return Optional.empty();
        }

        @Override
        public void handleBy(Handler handler) {
            handler.refreshCatalog();
        }
    }

    /** A user or organization was created in the identity provider. */
    record OwnerCreated(Owner owner) implements WebhookWork {
        public OwnerCreated {
            Objects.requireNonNull(owner, "owner");
        }

        @Override
        public String kind() {
            return "owner.created";
        }

        @Override
        public Optional<String> key() {
            return Optional.of(owner.key());
        }

        @Override
        public void handleBy(Handler handler) {
            handler.ownerCreated(owner);
        }
    }

    /** A user's or organization's profile changed in the identity provider. */
    record OwnerChanged(Owner owner) implements WebhookWork {
        public OwnerChanged {
            Objects.requireNonNull(owner, "owner");
        }

        @Override
        public String kind() {
            return "owner.changed";
        }

        @Override
        public Optional<String> key() {
            return Optional.of(owner.key());
        }

        @Override
        public void handleBy(Handler handler) {
            handler.ownerChanged(owner);
        }
    }

    /** A user or organization was deleted in the identity provider. */
    record OwnerDeleted(Owner owner) implements WebhookWork {
        public OwnerDeleted {
            Objects.requireNonNull(owner, "owner");
        }

        @Override
        public String kind() {
            return "owner.deleted";
        }

        @Override
        public Optional<String> key() {
            return Optional.of(owner.key());
        }

        @Override
        public void handleBy(Handler handler) {
            handler.ownerDeleted(owner);
        }
    }

    /** Someone joined, left or changed role in this organization: its seats and billing contacts may differ. */
    record MembershipChanged(OrganizationId organization) implements WebhookWork {
        public MembershipChanged {
            Objects.requireNonNull(organization, "organization");
        }

        @Override
        public String kind() {
            return "membership.changed";
        }

        @Override
        public Optional<String> key() {
            return Optional.of(organization.value());
        }

        @Override
        public void handleBy(Handler handler) {
            handler.membershipChanged(organization);
        }
    }

    /** A Checkout Session completed: tell the application what was bought, and re-sync the customer. */
    record CheckoutCompleted(CustomerId customer, CheckoutSessionId session) implements WebhookWork {
        public CheckoutCompleted {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(session, "session");
        }

        @Override
        public String kind() {
            return "checkout.completed";
        }

        /** The customer, so the event is listed among its owner's. */
        @Override
        public Optional<String> key() {
            return Optional.of(customer.value());
        }

        @Override
        public Optional<String> object() {
            return Optional.of(session.value());
        }

        @Override
        public void handleBy(Handler handler) {
            handler.checkoutCompleted(customer, session);
        }
    }

    /** An invoice's payment failed: tell the application, and re-sync the customer. */
    record InvoicePaymentFailed(CustomerId customer, InvoiceId invoice) implements WebhookWork {
        public InvoicePaymentFailed {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(invoice, "invoice");
        }

        @Override
        public String kind() {
            return "invoice.payment_failed";
        }

        /** The customer, so the event is listed among its owner's. */
        @Override
        public Optional<String> key() {
            return Optional.of(customer.value());
        }

        @Override
        public Optional<String> object() {
            return Optional.of(invoice.value());
        }

        @Override
        public void handleBy(Handler handler) {
            handler.invoicePaymentFailed(customer, invoice);
        }
    }

    /** An invoice's payment needs the customer to authenticate: tell the application, and re-sync the customer. */
    record InvoiceActionRequired(CustomerId customer, InvoiceId invoice) implements WebhookWork {
        public InvoiceActionRequired {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(invoice, "invoice");
        }

        @Override
        public String kind() {
            return "invoice.action_required";
        }

        /** The customer, so the event is listed among its owner's. */
        @Override
        public Optional<String> key() {
            return Optional.of(customer.value());
        }

        @Override
        public Optional<String> object() {
            return Optional.of(invoice.value());
        }

        @Override
        public void handleBy(Handler handler) {
            handler.invoiceActionRequired(customer, invoice);
        }
    }

    /** A trial ends in three days: tell the application, and re-sync the customer. */
    record TrialWillEnd(CustomerId customer, SubscriptionId subscription) implements WebhookWork {
        public TrialWillEnd {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(subscription, "subscription");
        }

        @Override
        public String kind() {
            return "subscription.trial_will_end";
        }

        /** The customer, so the event is listed among its owner's. */
        @Override
        public Optional<String> key() {
            return Optional.of(customer.value());
        }

        @Override
        public Optional<String> object() {
            return Optional.of(subscription.value());
        }

        @Override
        public void handleBy(Handler handler) {
            handler.trialWillEnd(customer, subscription);
        }
    }

    /** A verified event that needs nothing from us; still recorded, so a repeated delivery is known as one. */
    record Nothing() implements WebhookWork {
        @Override
        public String kind() {
            return "none";
        }

        @Override
        public Optional<String> key() {
            return Optional.empty();
        }

        @Override
        public void handleBy(Handler handler) {
            handler.nothing();
        }
    }
}

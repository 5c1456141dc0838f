package io.billingbridge.core.payment;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.BillingSnapshot;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The payment provider (Stripe): customers, catalog, sessions and billing state.
 *
 * <p>Failures surface as core exceptions: {@link io.billingbridge.core.error.ProviderUnavailable} when the
 * provider is down or rate-limits us, {@link io.billingbridge.core.error.NotFound} for missing objects,
 * {@link io.billingbridge.core.error.InvalidRequest} when it rejects what we sent.
 */
public interface PaymentProvider {

    /** The customer whose metadata names this owner, for recovery after a crash between create and record. */
    Optional<CustomerId> findCustomer(Owner owner);

    /**
     * Creates the owner's customer, with owner metadata and the profile.
     *
     * @param idempotencyKey derived from the owner, so a retry can never make a second customer
     */
    CustomerId createCustomer(Owner owner, CustomerProfile profile, IdempotencyKey idempotencyKey);

    /** Sets the customer's name, email and metadata from the profile. */
    void updateCustomer(CustomerId customer, Owner owner, CustomerProfile profile);

    /**
     * The customer's metadata, or empty when the provider says the customer was deleted or never existed.
     *
     * <p>Used to confirm a customer is gone before releasing it, and to check whose it is before a relink.
     */
    Optional<Map<String, String>> customerMetadata(CustomerId customer);

    /**
     * One page of live customers, in the provider's order, after {@code after}; a walk reads every page in turn.
     *
     * <p>A list rather than a search: Stripe's search lags behind writes, and a reconcile must see every customer.
     */
    OwnedCustomerPage ownedCustomers(Optional<CustomerId> after);

    /** Whether the customer has a subscription that has not ended (canceled or expired). */
    boolean hasLiveSubscription(CustomerId customer);

    /** Deletes the customer (Stripe cancels its subscriptions at once). */
    void deleteCustomer(CustomerId customer);

    /** Cancels every live subscription of the customer, now or at the end of the period. */
    void cancelSubscriptions(CustomerId customer, boolean atPeriodEnd);

    /** Every active price with its product, all pages read. */
    List<Price> activePrices();

    /** Starts a Checkout Session. */
    CheckoutSession createCheckoutSession(CheckoutRequest request);

    /**
     * The promotion code customers type as {@code code} (Stripe matches it case-insensitively), if one exists;
     * whether it can be redeemed is for the caller to decide from what it holds.
     */
    Optional<PromotionCode> findPromotionCode(String code);

    /** A Checkout Session by id. */
    CheckoutSession checkoutSession(CheckoutSessionId sessionId);

    /** A Checkout Session with its line items, for {@code checkout.completed}; empty when Stripe has no such session. */
    Optional<CheckoutDetails> checkoutDetails(CheckoutSessionId sessionId);

    /** An invoice's amount due, hosted page and payment attempts; empty when Stripe has no such invoice. */
    Optional<InvoiceNotice> invoiceNotice(InvoiceId invoice);

    /** A subscription's trial end and plan; empty when Stripe has no such subscription. */
    Optional<TrialNotice> trialNotice(SubscriptionId subscription);

    /**
     * Starts a Billing Portal Session.
     *
     * @param configuration the portal configuration to use, or empty for the account's default
     */
    default PortalSession createPortalSession(CustomerId customer, URI returnUrl,
            Optional<PortalConfigurationId> configuration) {
        return createPortalSession(customer, returnUrl, configuration, Optional.empty());
    }

    /**
     * Starts a Billing Portal Session, opening straight on one step when a flow is given (then returning to
     * {@code returnUrl} when the step is done).
     *
     * @param configuration the portal configuration to use, or empty for the account's default
     */
    PortalSession createPortalSession(CustomerId customer, URI returnUrl,
            Optional<PortalConfigurationId> configuration, Optional<PortalFlow> flow);

    /** The active portal configuration Billing Bridge made for this owner type (by its metadata), if any. */
    Optional<FoundPortalConfiguration> findPortalConfiguration(io.billingbridge.core.owner.OwnerType ownerType);

    /**
     * Creates the owner type's portal configuration, or updates {@code existing} to the spec.
     *
     * @param idempotencyKey derived from the spec, so that two instances creating the same one make one
     */
    PortalConfigurationId savePortalConfiguration(PortalConfigurationSpec spec,
            Optional<PortalConfigurationId> existing, IdempotencyKey idempotencyKey);

    /** Sets {@code cancel_at_period_end}, with the customer's reason as its cancellation details. */
    void cancelSubscriptionAtPeriodEnd(SubscriptionId subscription, Optional<CancellationReason> reason,
            IdempotencyKey idempotencyKey);

    /** Cancels the subscription now, with the customer's reason as its cancellation details. */
    void cancelSubscriptionNow(SubscriptionId subscription, Optional<CancellationReason> reason,
            IdempotencyKey idempotencyKey);

    /** Withdraws a scheduled cancellation: clears {@code cancel_at_period_end} and {@code cancel_at}. */
    void withdrawCancellation(SubscriptionId subscription, IdempotencyKey idempotencyKey);

    /** Resumes a {@code paused} subscription: a new period starts now and is invoiced at once. */
    void resumePausedSubscription(SubscriptionId subscription, IdempotencyKey idempotencyKey);

    /** The customer's whole billing state, fetched now. */
    BillingSnapshot fetchSnapshot(CustomerId customer, Instant now);

    /** Sets a subscription item's quantity (seats), prorating as the account's defaults say. */
    void updateSubscriptionQuantity(SubscriptionId subscription, SubscriptionItemId item, long quantity,
            IdempotencyKey idempotencyKey);

    /**
     * What changing the subscription's item to another price and quantity now would cost, from the provider's
     * invoice preview, prorated at {@code prorationDate} (empty: now).
     */
    ProrationPreview previewPlanChange(CustomerId customer, SubscriptionId subscription, SubscriptionItemId item,
            PriceId price, long quantity, ProrationBehavior proration, Optional<Instant> prorationDate);

    /**
     * Changes the subscription's item to another price and quantity now, as previewed with the same
     * {@code prorationDate}; a scheduled change is withdrawn first.
     *
     * @throws io.billingbridge.core.error.PaymentFailed when the payment the change needs fails: the subscription
     *     keeps its plan (the provider holds the change as pending until it expires)
     */
    void changePlan(SubscriptionId subscription, SubscriptionItemId item, PriceId price, long quantity,
            ProrationBehavior proration, Optional<Instant> prorationDate, IdempotencyKey idempotencyKey);

    /**
     * Schedules the change to another price and quantity for the end of the current period (a subscription schedule
     * with two phases), re-using the subscription's schedule when it has one; a schedule this call created is
     * released again when its phases cannot be set, so a failure leaves no half-made change behind.
     *
     * @return when the change takes effect
     */
    Instant schedulePlanChange(SubscriptionId subscription, PriceId price, long quantity,
            IdempotencyKey idempotencyKey);

    /**
     * Withdraws the subscription's scheduled change (releases its schedule; the current plan goes on).
     *
     * @return false when the subscription has no scheduled change
     */
    boolean withdrawScheduledChange(SubscriptionId subscription, IdempotencyKey idempotencyKey);
}

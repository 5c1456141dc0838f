package io.billingbridge.core.testing;

import io.billingbridge.core.payment.PriceId;
import io.billingbridge.core.payment.ProrationBehavior;
import io.billingbridge.core.payment.ProrationPreview;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.catalog.Product;
import io.billingbridge.core.checkout.OwnerMetadata;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.payment.CancellationReason;
import io.billingbridge.core.payment.CheckoutRequest;
import io.billingbridge.core.payment.FoundPortalConfiguration;
import io.billingbridge.core.payment.PortalConfigurationSpec;
import io.billingbridge.core.payment.PortalFlow;
import io.billingbridge.core.payment.CheckoutSession;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.OwnedCustomer;
import io.billingbridge.core.payment.OwnedCustomerPage;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.payment.PortalConfigurationId;
import io.billingbridge.core.payment.PortalSession;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.payment.SubscriptionItemId;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.SubscriptionView;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory payment provider that records what it was asked and can be made to fail. */
public final class FakePaymentProvider implements PaymentProvider {
    public final Map<String, CustomerId> customersByIdempotencyKey = new ConcurrentHashMap<>();
    public final Map<Owner, CustomerId> orphans = new ConcurrentHashMap<>();
    /** Customers created here, or given by a test, with the owner their metadata names. */
    public final Map<CustomerId, Owner> customerOwners = new ConcurrentHashMap<>();
    /** Customers deleted in "Stripe": reads say customer_deleted, sessions resource_missing, search skips them. */
    public final Set<CustomerId> deleted = ConcurrentHashMap.newKeySet();
    /** Customers with a live subscription, as a test says. */
    public final Set<CustomerId> subscribed = ConcurrentHashMap.newKeySet();
    /** How many customers a page of {@link #ownedCustomers} holds, small so that walks read several pages. */
    public volatile int listPage = 2;
    public final List<CheckoutRequest> checkouts = new CopyOnWriteArrayList<>();
    private final Map<CheckoutSessionId, CheckoutSession> sessions = new ConcurrentHashMap<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final AtomicInteger snapshotFetches = new AtomicInteger();
    public final AtomicBoolean down = new AtomicBoolean();
    public volatile List<Price> prices = List.of();
    /** The subscriptions each customer's fetched snapshot shows. */
    public final Map<CustomerId, List<io.billingbridge.core.snapshot.SubscriptionView>> subscriptions =
            new ConcurrentHashMap<>();
    /** When set, snapshot fetches wait (bounded) until it opens: lets a test line up concurrent callers. */
    public volatile java.util.concurrent.CountDownLatch fetchGate;
    private final AtomicInteger nextId = new AtomicInteger();
    /** Promotion codes by the code customers type, upper-cased (Stripe matches codes case-insensitively). */
    public final Map<String, io.billingbridge.core.payment.PromotionCode> promotionCodes = new ConcurrentHashMap<>();
    /** A portal session request as the fake received it. */
    public record PortalRequest(CustomerId customer, Optional<PortalConfigurationId> configuration,
            Optional<PortalFlow> flow) {
    }
    public final List<PortalRequest> portalRequests = new CopyOnWriteArrayList<>();
    /** The portal configurations "in Stripe", by owner type, as last saved. */
    public final Map<OwnerType, PortalConfigurationSpec> portalConfigurations = new ConcurrentHashMap<>();
    public final List<IdempotencyKey> idempotencyKeys = new CopyOnWriteArrayList<>();
    public final List<CancellationReason> reasons = new CopyOnWriteArrayList<>();

    public static Price price(String id, String lookupKey, boolean recurring, Map<String, String> productMetadata) {
        return new Price(id, Optional.ofNullable(lookupKey), new Product("prod_" + id, "Product " + id, true, productMetadata),
                "usd", Optional.of(1000L),
                recurring ? Optional.of(Price.Recurring.licensed("month", 1)) : Optional.empty(), true, Map.of());
    }

    /** A monthly metered price charging for the meter, on a product of its own with this metadata. */
    public static Price meteredPrice(String id, String lookupKey, String meter, Map<String, String> productMetadata) {
        return new Price(id, Optional.ofNullable(lookupKey), new Product("prod_" + id, "Product " + id, true,
                productMetadata), "usd", Optional.of(2L),
                Optional.of(new Price.Recurring("month", 1, "metered", Optional.of(meter))), true, Map.of());
    }

    private void call(String name) {
        if (down.get()) {
            throw new ProviderUnavailable("stripe", "req_fake", Duration.ofSeconds(2), null);
        }
        calls.add(name);
    }

    @Override
    public Optional<CustomerId> findCustomer(Owner owner) {
        call("customers.search");
        return Optional.ofNullable(orphans.get(owner)).filter(c -> !deleted.contains(c));
    }

    @Override
    public CustomerId createCustomer(Owner owner, CustomerProfile profile, IdempotencyKey idempotencyKey) {
        call("customers.create");
        CustomerId customer = customersByIdempotencyKey.computeIfAbsent(idempotencyKey.value(),
                k -> new CustomerId("cus_" + nextId.incrementAndGet()));
        customerOwners.putIfAbsent(customer, owner);
        return customer;
    }

    @Override
    public Optional<Map<String, String>> customerMetadata(CustomerId customer) {
        call("customers.retrieve");
        return Optional.ofNullable(customerOwners.get(customer)).filter(o -> !deleted.contains(customer))
                .map(OwnerMetadata::of);
    }

    private void requireLive(CustomerId customer) {
        if (deleted.contains(customer)) {
            throw new InvalidRequest("resource_missing",
                    "the payment provider rejected the request", "customer");
        }
    }

    @Override
    public void updateCustomer(CustomerId customer, Owner owner, CustomerProfile profile) {
        call("customers.update");
    }

    @Override
    public OwnedCustomerPage ownedCustomers(Optional<CustomerId> after) {
        call("customers.list");
        Map<CustomerId, Owner> all = new java.util.TreeMap<>(java.util.Comparator.comparing(CustomerId::value));
        all.putAll(customerOwners);
        orphans.forEach((owner, customer) -> all.put(customer, owner));
        deleted.forEach(all::remove);
        List<Map.Entry<CustomerId, Owner>> live = List.copyOf(all.entrySet());
        int from = 0;
        if (after.isPresent()) {
            while (from < live.size() && !live.get(from).getKey().equals(after.get())) {
                from++;
            }
            from++;
        }
        int to = Math.min(live.size(), from + listPage);
        List<OwnedCustomer> owned = live.subList(Math.min(from, to), to).stream()
                .map(e -> new OwnedCustomer(e.getKey(), e.getValue())).toList();
        return new OwnedCustomerPage(owned, owned.size(),
                to < live.size() ? Optional.of(live.get(to - 1).getKey()) : Optional.empty());
    }

    @Override
    public boolean hasLiveSubscription(CustomerId customer) {
        call("subscriptions.list");
        return subscribed.contains(customer) && !deleted.contains(customer);
    }

    @Override
    public void deleteCustomer(CustomerId customer) {
        call("customers.delete");
        deleted.add(customer);
    }

    @Override
    public void cancelSubscriptions(CustomerId customer, boolean atPeriodEnd) {
        call(atPeriodEnd ? "subscriptions.cancel_at_period_end" : "subscriptions.cancel");
    }

    @Override
    public List<Price> activePrices() {
        call("prices.list");
        return prices;
    }

    @Override
    public CheckoutSession createCheckoutSession(CheckoutRequest request) {
        call("checkout.sessions.create");
        requireLive(request.customer());
        checkouts.add(request);
        CheckoutSessionId id = new CheckoutSessionId("cs_test_" + nextId.incrementAndGet());
        CheckoutSession session = new CheckoutSession(id, Optional.of(URI.create("https://checkout.example/" + id)),
                Optional.of(request.customer()), Optional.of(request.owner().id()), "open", request.metadata());
        sessions.put(id, session);
        return session;
    }

    @Override
    public Optional<io.billingbridge.core.payment.PromotionCode> findPromotionCode(String code) {
        call("promotion_codes.list");
        return Optional.ofNullable(promotionCodes.get(code.toUpperCase(java.util.Locale.ROOT)));
    }

    /** Checkout Sessions with line items, as Stripe would return them to {@link #checkoutDetails}. */
    public final Map<CheckoutSessionId, io.billingbridge.core.payment.CheckoutDetails> checkoutDetails =
            new ConcurrentHashMap<>();
    /** Invoices, as Stripe would return them to {@link #invoiceNotice}. */
    public final Map<io.billingbridge.core.payment.InvoiceId, io.billingbridge.core.payment.InvoiceNotice>
            invoiceNotices = new ConcurrentHashMap<>();
    /** Subscriptions' trials, as Stripe would return them to {@link #trialNotice}. */
    public final Map<io.billingbridge.core.payment.SubscriptionId, io.billingbridge.core.payment.TrialNotice>
            trialNotices = new ConcurrentHashMap<>();

    @Override
    public Optional<io.billingbridge.core.payment.CheckoutDetails> checkoutDetails(CheckoutSessionId sessionId) {
        call("checkout.sessions.retrieve_with_line_items");
        return Optional.ofNullable(checkoutDetails.get(sessionId));
    }

    @Override
    public Optional<io.billingbridge.core.payment.InvoiceNotice> invoiceNotice(
            io.billingbridge.core.payment.InvoiceId invoice) {
        call("invoices.retrieve");
        return Optional.ofNullable(invoiceNotices.get(invoice));
    }

    @Override
    public Optional<io.billingbridge.core.payment.TrialNotice> trialNotice(
            io.billingbridge.core.payment.SubscriptionId subscription) {
        call("subscriptions.retrieve");
        return Optional.ofNullable(trialNotices.get(subscription));
    }

    @Override
    public CheckoutSession checkoutSession(CheckoutSessionId sessionId) {
        call("checkout.sessions.retrieve");
        CheckoutSession session = sessions.get(sessionId);
        if (session == null) {
            throw new NotFound("no such checkout session");
        }
        return session;
    }

    @Override
    public PortalSession createPortalSession(CustomerId customer, URI returnUrl,
            Optional<PortalConfigurationId> configuration, Optional<PortalFlow> flow) {
        call("billing_portal.sessions.create");
        requireLive(customer);
        portalRequests.add(new PortalRequest(customer, configuration, flow));
        return new PortalSession("bps_" + nextId.incrementAndGet(), URI.create("https://portal.example/" + customer));
    }

    @Override
    public Optional<FoundPortalConfiguration> findPortalConfiguration(OwnerType ownerType) {
        call("billing_portal.configurations.list");
        return Optional.ofNullable(portalConfigurations.get(ownerType))
                .map(spec -> new FoundPortalConfiguration(new PortalConfigurationId("bpc_" + ownerType.wireName()),
                        Optional.of(spec.fingerprint())));
    }

    @Override
    public PortalConfigurationId savePortalConfiguration(PortalConfigurationSpec spec,
            Optional<PortalConfigurationId> existing, IdempotencyKey idempotencyKey) {
        call(existing.isPresent() ? "billing_portal.configurations.update" : "billing_portal.configurations.create");
        portalConfigurations.put(spec.ownerType(), spec);
        return new PortalConfigurationId("bpc_" + spec.ownerType().wireName());
    }

    @Override
    public void cancelSubscriptionAtPeriodEnd(SubscriptionId subscription, Optional<CancellationReason> reason,
            IdempotencyKey idempotencyKey) {
        call("subscriptions.cancel_at_period_end");
        idempotencyKeys.add(idempotencyKey);
        reason.ifPresent(reasons::add);
        change(subscription, s -> copy(s, s.status(), true, s.currentPeriodEnd()));
    }

    @Override
    public void cancelSubscriptionNow(SubscriptionId subscription, Optional<CancellationReason> reason,
            IdempotencyKey idempotencyKey) {
        call("subscriptions.cancel");
        idempotencyKeys.add(idempotencyKey);
        reason.ifPresent(reasons::add);
        change(subscription, s -> copy(s, "canceled", false, Optional.empty()));
    }

    @Override
    public void withdrawCancellation(SubscriptionId subscription, IdempotencyKey idempotencyKey) {
        call("subscriptions.withdraw_cancellation");
        idempotencyKeys.add(idempotencyKey);
        change(subscription, s -> copy(s, s.status(), false, Optional.empty()));
    }

    @Override
    public void resumePausedSubscription(SubscriptionId subscription, IdempotencyKey idempotencyKey) {
        call("subscriptions.resume");
        idempotencyKeys.add(idempotencyKey);
        change(subscription, s -> copy(s, "active", false, Optional.empty()));
    }

    private void change(SubscriptionId id, java.util.function.UnaryOperator<SubscriptionView> change) {
        subscriptions.replaceAll((customer, list) -> list.stream()
                .map(s -> s.id().equals(id.value()) ? change.apply(s) : s).toList());
    }

    private static SubscriptionView copy(SubscriptionView s, String status, boolean atPeriodEnd,
            Optional<Instant> cancelAt) {
        return new SubscriptionView(s.id(), status, s.items(), atPeriodEnd, s.trialEnd(), s.canceledAt(),
                s.created(), s.currentPeriodStart(), s.currentPeriodEnd(), cancelAt, s.pauseCollection(),
                s.latestInvoice(), s.scheduledChange());
    }

    @Override
    public BillingSnapshot fetchSnapshot(CustomerId customer, Instant now) {
        call("snapshot.fetch");
        snapshotFetches.incrementAndGet();
        if (deleted.contains(customer)) {
            throw new NotFound("customer_deleted", "the customer has been deleted");
        }
        java.util.concurrent.CountDownLatch gate = fetchGate;
        if (gate != null) {
            try {
                gate.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new BillingSnapshot(customer, subscriptions.getOrDefault(customer, List.of()), List.of(), List.of(),
                List.of(), List.of(), now);
    }

    @Override
    public void updateSubscriptionQuantity(SubscriptionId subscription, SubscriptionItemId item, long quantity,
            IdempotencyKey idempotencyKey) {
        call("subscriptions.update_quantity");
    }

    /** A plan change the fake was asked to make, now or at the period end. */
    public record PlanChange(SubscriptionId subscription, PriceId price, long quantity, String when,
            Optional<Instant> prorationDate, IdempotencyKey idempotencyKey) {
    }

    public final List<PlanChange> planChanges = new CopyOnWriteArrayList<>();
    public final Set<SubscriptionId> scheduled = ConcurrentHashMap.newKeySet();
    /** When set, an immediate plan change's payment fails. */
    public final AtomicBoolean declinePlanChanges = new AtomicBoolean();
    /** When set, immediate plan changes wait (bounded) until it opens: lets a test overlap two changes. */
    public volatile java.util.concurrent.CountDownLatch changeGate;
    public static final Instant PRORATION_DATE = Instant.parse("2026-11-26T12:00:00Z");

    @Override
    public ProrationPreview previewPlanChange(CustomerId customer, SubscriptionId subscription, SubscriptionItemId item,
            PriceId price, long quantity, ProrationBehavior proration, Optional<Instant> prorationDate) {
        call("invoices.create_preview");
        Instant at = prorationDate.orElse(PRORATION_DATE);
        return new ProrationPreview(new io.billingbridge.core.snapshot.Money(500, "usd"), List.of(
                new ProrationPreview.Line("Unused time", new io.billingbridge.core.snapshot.Money(-500, "usd"), at, at),
                new ProrationPreview.Line("Remaining time", new io.billingbridge.core.snapshot.Money(1000, "usd"), at,
                        at)), at);
    }

    @Override
    public void changePlan(SubscriptionId subscription, SubscriptionItemId item, PriceId price, long quantity,
            ProrationBehavior proration, Optional<Instant> prorationDate, IdempotencyKey idempotencyKey) {
        call("subscriptions.update");
        java.util.concurrent.CountDownLatch gate = changeGate;
        if (gate != null) {
            try {
                gate.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (declinePlanChanges.get()) {
            throw new io.billingbridge.core.error.PaymentFailed("payment_failed", "the payment failed");
        }
        planChanges.add(new PlanChange(subscription, price, quantity, "now", prorationDate, idempotencyKey));
    }

    @Override
    public Instant schedulePlanChange(SubscriptionId subscription, PriceId price, long quantity,
            IdempotencyKey idempotencyKey) {
        call("subscription_schedules.update");
        planChanges.add(new PlanChange(subscription, price, quantity, "period_end", Optional.empty(),
                idempotencyKey));
        scheduled.add(subscription);
        return PRORATION_DATE.plus(Duration.ofDays(30));
    }

    @Override
    public boolean withdrawScheduledChange(SubscriptionId subscription, IdempotencyKey idempotencyKey) {
        call("subscription_schedules.release");
        return scheduled.remove(subscription);
    }
}

package io.billingbridge.stripe;

import static io.billingbridge.stripe.StripePaymentProvider.call;

import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Product;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.SubscriptionSchedule;
import com.stripe.net.RequestOptions;
import com.stripe.model.checkout.Session;
import com.stripe.model.entitlements.ActiveEntitlement;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.PaymentMethodListParams;
import com.stripe.param.PriceRetrieveParams;
import com.stripe.param.ProductListParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.checkout.SessionListParams;
import com.stripe.param.entitlements.ActiveEntitlementListParams;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.checkout.CheckoutGuardrails;
import io.billingbridge.core.checkout.QuantityRule;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.EntitlementView;
import io.billingbridge.core.snapshot.InvoiceView;
import io.billingbridge.core.snapshot.LatestInvoiceView;
import io.billingbridge.core.snapshot.LineItemView;
import io.billingbridge.core.snapshot.Money;
import io.billingbridge.core.snapshot.PaymentMethodView;
import io.billingbridge.core.snapshot.PauseCollectionView;
import io.billingbridge.core.snapshot.PaymentView;
import io.billingbridge.core.snapshot.ScheduledChange;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one customer's whole billing state from Stripe in a fixed, small number of calls.
 *
 * <p>Calls: customer (default payment method), subscriptions with {@code status=all}, products of their items
 * (skipped when there are none; one call per 100 products), the newest {@value #INVOICES} invoices, the newest
 * {@value #SESSIONS} complete Checkout Sessions with their payment intents and line items expanded, card payment
 * methods and active entitlements: 6 calls, or 7 with subscriptions, plus one per further page of subscriptions or
 * entitlements, plus one per price that a scheduled plan change switches to. Each subscription's latest invoice and
 * schedule come expanded in the subscriptions call (no call of their own).
 *
 * <p>One-time payments are the payment intents of complete {@code payment}-mode Checkout Sessions. In API version
 * {@code 2026-07-29.dahlia} neither a payment intent nor a charge names its invoice any more (that link moved to
 * invoice payments), so the payment intents list cannot tell invoice payments apart; a payment-mode session's
 * payment intent is never an invoice's. Payments made outside Checkout are therefore not listed.
 */
final class StripeSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(StripeSnapshots.class);
    static final long INVOICES = 24;
    static final long SESSIONS = 100;
    private static final int PRODUCTS_PER_CALL = 100;

    private final StripeClient stripe;

    StripeSnapshots(StripeClient stripe) {
        this.stripe = stripe;
    }

    BillingSnapshot fetch(CustomerId customerId, Instant now) {
        String id = customerId.value();
        Customer customer = call("fetchSnapshot", () -> stripe.v1().customers().retrieve(id));
        if (Boolean.TRUE.equals(customer.getDeleted())) {
            throw new NotFound("customer_deleted", "the customer has been deleted");
        }
        String defaultPaymentMethod = customer.getInvoiceSettings() == null ? null
                : customer.getInvoiceSettings().getDefaultPaymentMethod();

        List<Subscription> subscriptions = StripeMapping.all("fetchSnapshot", call("fetchSnapshot",
                () -> stripe.v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(id)
                        .setStatus(SubscriptionListParams.Status.ALL).setLimit(100L).addExpand("data.schedule")
                        .addExpand("data.latest_invoice").build())));
        Map<String, Product> products = products(subscriptions);
        Map<String, com.stripe.model.Price> scheduledPrices = scheduledPrices(subscriptions);

        List<Invoice> invoices = call("fetchSnapshot", () -> stripe.v1().invoices().list(InvoiceListParams.builder()
                .setCustomer(id).setLimit(INVOICES).build())).getData();
        List<Session> sessions = call("fetchSnapshot", () -> stripe.v1().checkout().sessions().list(
                SessionListParams.builder().setCustomer(id).setStatus(SessionListParams.Status.COMPLETE)
                        .setLimit(SESSIONS).addExpand("data.payment_intent").addExpand("data.line_items").build()))
                .getData();
        List<PaymentMethod> cards = call("fetchSnapshot", () -> stripe.v1().paymentMethods().list(
                PaymentMethodListParams.builder().setCustomer(id).setType(PaymentMethodListParams.Type.CARD)
                        .setLimit(100L).build())).getData();
        List<ActiveEntitlement> entitlements = StripeMapping.all("fetchSnapshot", call("fetchSnapshot",
                () -> stripe.v1().entitlements().activeEntitlements().list(ActiveEntitlementListParams.builder()
                        .setCustomer(id).setLimit(100L).build())));

        BillingSnapshot snapshot = new BillingSnapshot(customerId,
                subscriptions.stream().map(s -> subscription(s, products, scheduledPrices)).toList(),
                invoices.stream().map(StripeSnapshots::invoice).toList(),
                payments(sessions),
                cards.stream().map(pm -> paymentMethod(pm, defaultPaymentMethod)).toList(),
                entitlements.stream().map(e -> new EntitlementView(e.getFeature(), e.getLookupKey())).toList(),
                now);
        LOG.debug("Fetched snapshot of {}: {} subscriptions, {} invoices, {} payments", customerId,
                snapshot.subscriptions().size(), snapshot.invoices().size(), snapshot.payments().size());
        return snapshot;
    }

    private Map<String, Product> products(List<Subscription> subscriptions) {
        Set<String> ids = new LinkedHashSet<>();
        for (Subscription subscription : subscriptions) {
            for (SubscriptionItem item : items(subscription)) {
                if (item.getPrice() != null && item.getPrice().getProduct() != null) {
                    ids.add(item.getPrice().getProduct());
                }
            }
        }
        Map<String, Product> names = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += PRODUCTS_PER_CALL) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + PRODUCTS_PER_CALL));
            List<Product> products = call("fetchSnapshot", () -> stripe.v1().products().list(
                    ProductListParams.builder().addAllId(chunk).setLimit((long) PRODUCTS_PER_CALL).build())).getData();
            for (Product product : products) {
                names.put(product.getId(), product);
            }
        }
        return names;
    }

    /** A setting (the quantity rule, the product group) from the price's metadata, else its product's. */
    private static Optional<String> setting(Map<String, String> priceMetadata, Map<String, String> productMetadata,
            String key) {
        return Optional.ofNullable(priceMetadata).map(m -> m.get(key))
                .or(() -> Optional.ofNullable(productMetadata).map(m -> m.get(key)));
    }

    private static List<SubscriptionItem> items(Subscription subscription) {
        return subscription.getItems() == null || subscription.getItems().getData() == null ? List.of()
                : subscription.getItems().getData();
    }

    /** The next phase of the subscription's active schedule, when it changes the plan. */
    private static Optional<SubscriptionSchedule.Phase> nextPhase(Subscription subscription) {
        SubscriptionSchedule schedule = subscription.getScheduleObject();
        List<SubscriptionItem> items = items(subscription);
        if (schedule == null || !"active".equals(schedule.getStatus()) || schedule.getPhases() == null
                || items.isEmpty() || items.get(0).getCurrentPeriodEnd() == null) {
            return Optional.empty();
        }
        long periodEnd = items.get(0).getCurrentPeriodEnd();
        for (SubscriptionSchedule.Phase phase : schedule.getPhases()) {
            if (phase.getStartDate() != null && phase.getStartDate() >= periodEnd && phase.getItems() != null
                    && !phase.getItems().isEmpty()) {
                SubscriptionSchedule.Phase.Item next = phase.getItems().get(0);
                SubscriptionItem now = items.get(0);
                boolean same = now.getPrice().getId().equals(next.getPrice())
                        && Objects.equals(now.getQuantity(), next.getQuantity());
                return same ? Optional.empty() : Optional.of(phase);
            }
        }
        return Optional.empty();
    }

    /**
     * The prices (with their products) that scheduled changes switch to: one call per such price, and none at all
     * for the usual customer without a scheduled change.
     */
    private Map<String, com.stripe.model.Price> scheduledPrices(List<Subscription> subscriptions) {
        Map<String, com.stripe.model.Price> prices = new HashMap<>();
        for (Subscription subscription : subscriptions) {
            Optional<String> priceId = nextPhase(subscription).map(p -> p.getItems().get(0).getPrice());
            if (priceId.isPresent() && !prices.containsKey(priceId.get())) {
                prices.put(priceId.get(), call("fetchSnapshot", () -> stripe.v1().prices().retrieve(priceId.get(),
                        PriceRetrieveParams.builder().addExpand("product").build(), (RequestOptions) null)));
            }
        }
        return prices;
    }

    private static Optional<ScheduledChange> scheduledChange(Subscription subscription,
            Map<String, com.stripe.model.Price> prices) {
        return nextPhase(subscription).flatMap(phase -> {
            SubscriptionSchedule.Phase.Item item = phase.getItems().get(0);
            com.stripe.model.Price price = prices.get(item.getPrice());
            if (price == null) {
                return Optional.empty();
            }
            Product product = price.getProductObject();
            return Optional.of(new ScheduledChange(Instant.ofEpochSecond(phase.getStartDate()), price.getId(),
                    Optional.ofNullable(price.getLookupKey()), product == null ? price.getProduct() : product.getName(),
                    item.getQuantity() == null ? 1 : item.getQuantity()));
        });
    }

    /** The meter of a metered price; empty for a licensed one (whose quantity Stripe keeps). */
    private static Optional<String> meter(com.stripe.model.Price price) {
        com.stripe.model.Price.Recurring recurring = price.getRecurring();
        if (recurring == null || !"metered".equals(recurring.getUsageType())) {
            return Optional.empty();
        }
        return Optional.ofNullable(recurring.getMeter());
    }

    private static SubscriptionView subscription(Subscription subscription, Map<String, Product> products,
            Map<String, com.stripe.model.Price> scheduledPrices) {
        List<SubscriptionItemView> items = new ArrayList<>();
        for (SubscriptionItem item : items(subscription)) {
            com.stripe.model.Price price = item.getPrice();
            String productId = price.getProduct();
            Optional<Product> product = Optional.ofNullable(products.get(productId));
            items.add(new SubscriptionItemView(item.getId(), price.getId(), Optional.ofNullable(price.getLookupKey()),
                    productId, product.map(Product::getName).orElse(productId),
                    item.getQuantity() == null ? 1 : item.getQuantity(),
                    Optional.ofNullable(price.getUnitAmount()).map(a -> new Money(a, price.getCurrency())),
                    Optional.ofNullable(price.getRecurring()).map(com.stripe.model.Price.Recurring::getInterval),
                    StripeMapping.instant(item.getCurrentPeriodStart()),
                    StripeMapping.instant(item.getCurrentPeriodEnd()),
                    setting(price.getMetadata(), product.map(Product::getMetadata).orElse(null),
                            QuantityRule.METADATA_KEY),
                    setting(price.getMetadata(), product.map(Product::getMetadata).orElse(null),
                            CheckoutGuardrails.GROUP_KEY),
                    meter(price)));
        }
        return new SubscriptionView(subscription.getId(), subscription.getStatus(), items,
                Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()),
                StripeMapping.instant(subscription.getTrialEnd()),
                StripeMapping.instant(subscription.getCanceledAt()),
                Instant.ofEpochSecond(subscription.getCreated()),
                items.stream().flatMap(i -> i.currentPeriodStart().stream()).min(Instant::compareTo),
                items.stream().flatMap(i -> i.currentPeriodEnd().stream()).min(Instant::compareTo),
                StripeMapping.instant(subscription.getCancelAt()),
                Optional.ofNullable(subscription.getPauseCollection()).map(p -> new PauseCollectionView(
                        p.getBehavior(), StripeMapping.instant(p.getResumesAt()))),
                Optional.ofNullable(subscription.getLatestInvoiceObject()).map(StripeSnapshots::latestInvoice),
                scheduledChange(subscription, scheduledPrices));
    }

    /** The invoice a subscription last issued; due since its due date, else since it was finalized. */
    private static LatestInvoiceView latestInvoice(Invoice invoice) {
        Optional<Instant> finalized = Optional.ofNullable(invoice.getStatusTransitions())
                .flatMap(t -> StripeMapping.instant(t.getFinalizedAt()));
        return new LatestInvoiceView(invoice.getId(), invoice.getStatus(),
                new Money(nonNull(invoice.getAmountDue()), invoice.getCurrency()),
                Optional.ofNullable(invoice.getHostedInvoiceUrl()).map(URI::create),
                Optional.ofNullable(invoice.getInvoicePdf()).map(URI::create),
                StripeMapping.instant(invoice.getDueDate()).or(() -> finalized));
    }

    private static InvoiceView invoice(Invoice invoice) {
        Optional<String> subscription = Optional.ofNullable(invoice.getParent())
                .map(Invoice.Parent::getSubscriptionDetails)
                .map(Invoice.Parent.SubscriptionDetails::getSubscription);
        return new InvoiceView(invoice.getId(), Optional.ofNullable(invoice.getNumber()), invoice.getStatus(),
                new Money(nonNull(invoice.getTotal()), invoice.getCurrency()),
                new Money(nonNull(invoice.getAmountPaid()), invoice.getCurrency()),
                Instant.ofEpochSecond(invoice.getCreated()),
                Optional.ofNullable(invoice.getHostedInvoiceUrl()).map(URI::create),
                subscription);
    }

    private static List<PaymentView> payments(List<Session> sessions) {
        List<PaymentView> payments = new ArrayList<>();
        for (Session session : sessions) {
            PaymentIntent intent = session.getPaymentIntentObject();
            if (!"payment".equals(session.getMode()) || intent == null) {
                continue;
            }
            List<LineItemView> lineItems = session.getLineItems() == null || session.getLineItems().getData() == null
                    ? List.of() : session.getLineItems().getData().stream()
                            .filter(item -> item.getDescription() != null)
                            .map(item -> new LineItemView(item.getDescription(),
                                    item.getQuantity() == null ? 1 : item.getQuantity(),
                                    new Money(nonNull(item.getAmountTotal()), item.getCurrency()))).toList();
            Optional<String> description = Optional.ofNullable(intent.getDescription()).filter(d -> !d.isBlank())
                    .or(() -> lineItems.isEmpty() ? Optional.empty() : Optional.of(String.join(", ",
                            lineItems.stream().map(LineItemView::description).toList())));
            payments.add(new PaymentView(intent.getId(), new Money(nonNull(intent.getAmount()), intent.getCurrency()),
                    intent.getStatus(), Instant.ofEpochSecond(intent.getCreated()), description, lineItems));
        }
        return payments;
    }

    private static PaymentMethodView paymentMethod(PaymentMethod pm, String defaultPaymentMethod) {
        PaymentMethod.Card card = pm.getCard();
        return new PaymentMethodView(pm.getId(), pm.getType(),
                Optional.ofNullable(card).map(PaymentMethod.Card::getBrand),
                Optional.ofNullable(card).map(PaymentMethod.Card::getLast4),
                Optional.ofNullable(card).map(PaymentMethod.Card::getExpMonth).map(Long::intValue),
                Optional.ofNullable(card).map(PaymentMethod.Card::getExpYear).map(Long::intValue),
                pm.getId().equals(defaultPaymentMethod));
    }

    private static long nonNull(Long value) {
        return value == null ? 0 : value;
    }
}

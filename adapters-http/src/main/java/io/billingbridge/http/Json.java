package io.billingbridge.http;

import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.snapshot.BillingView;
import io.billingbridge.core.snapshot.EntitlementView;
import io.billingbridge.core.snapshot.InvoiceView;
import io.billingbridge.core.snapshot.Money;
import io.billingbridge.core.snapshot.PaymentMethodView;
import io.billingbridge.core.snapshot.PaymentView;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The API's JSON documents, built from core values: explicit, so no internal field leaks by accident. */
final class Json {
    private Json() {
    }

    static Map<String, Object> price(Price price) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", price.id());
        m.put("lookupKey", price.lookupKey().orElse(null));
        m.put("product", Map.of("id", price.product().id(), "name", price.product().name()));
        m.put("currency", price.currency());
        m.put("unitAmount", price.unitAmount().orElse(null));
        m.put("type", price.isRecurring() ? "recurring" : "one_time");
        m.put("recurring", price.recurring()
                .map(r -> Map.of("interval", r.interval(), "intervalCount", r.intervalCount()))
                .orElse(null));
        return m;
    }

    static Map<String, Object> billing(BillingView view) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("owner", Map.of("type", view.owner().type().wireName(), "id", view.owner().id()));
        m.put("customer", view.customerId().map(c -> c.value()).orElse(null));
        m.put("subscriptions", view.subscriptions().stream().map(Json::subscription).toList());
        m.put("entitlements", view.entitlements().stream().map(EntitlementView::lookupKey).toList());
        view.invoices().ifPresent(list -> m.put("invoices", list.stream().map(Json::invoice).toList()));
        view.payments().ifPresent(list -> m.put("payments", list.stream().map(Json::payment).toList()));
        view.paymentMethods().ifPresent(list -> m.put("paymentMethods", list.stream().map(Json::paymentMethod).toList()));
        m.put("syncedAt", view.syncedAt().map(Instant::toString).orElse(null));
        m.put("stale", view.stale());
        return m;
    }

    private static Map<String, Object> subscription(SubscriptionView s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("status", s.status());
        m.put("cancelAtPeriodEnd", s.cancelAtPeriodEnd());
        m.put("trialEnd", time(s.trialEnd()));
        m.put("canceledAt", time(s.canceledAt()));
        m.put("created", s.created().toString());
        m.put("items", s.items().stream().map(Json::item).toList());
        return m;
    }

    private static Map<String, Object> item(SubscriptionItemView i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("price", i.priceId());
        m.put("lookupKey", i.lookupKey().orElse(null));
        m.put("product", Map.of("id", i.productId(), "name", i.productName()));
        m.put("quantity", i.quantity());
        m.put("unitAmount", i.unitAmount().map(Json::money).orElse(null));
        m.put("interval", i.interval().orElse(null));
        m.put("currentPeriodStart", time(i.currentPeriodStart()));
        m.put("currentPeriodEnd", time(i.currentPeriodEnd()));
        return m;
    }

    private static Map<String, Object> invoice(InvoiceView i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("number", i.number().orElse(null));
        m.put("status", i.status());
        m.put("total", money(i.total()));
        m.put("amountPaid", money(i.amountPaid()));
        m.put("created", i.created().toString());
        m.put("hostedInvoiceUrl", i.hostedInvoiceUrl().map(Object::toString).orElse(null));
        m.put("subscription", i.subscriptionId().orElse(null));
        return m;
    }

    private static Map<String, Object> payment(PaymentView p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("amount", money(p.amount()));
        m.put("status", p.status());
        m.put("created", p.created().toString());
        m.put("description", p.description().orElse(null));
        return m;
    }

    private static Map<String, Object> paymentMethod(PaymentMethodView p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("type", p.type());
        m.put("brand", p.brand().orElse(null));
        m.put("last4", p.last4().orElse(null));
        m.put("expMonth", p.expMonth().orElse(null));
        m.put("expYear", p.expYear().orElse(null));
        m.put("default", p.isDefault());
        return m;
    }

    private static Map<String, Object> money(Money money) {
        return Map.of("amount", money.amount(), "currency", money.currency());
    }

    private static String time(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }

    static Map<String, Object> list(List<?> data) {
        return Map.of("object", "list", "data", data);
    }
}

package io.billingbridge.core.checkout;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Guard;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.access.SessionRateLimit;
import io.billingbridge.core.account.EnsureCustomer;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.catalog.Catalog;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutMode;
import io.billingbridge.core.payment.CheckoutRequest;
import io.billingbridge.core.payment.CheckoutSession;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PaymentProvider;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Starts a Stripe Checkout Session for the signed-in user or their active organization. */
public final class StartCheckout {
    private final Guard guard;
    private final Catalog catalog;
    private final CheckoutPlan plan;
    private final UrlPolicy urls;
    private final EnsureCustomer customers;
    private final PaymentProvider payments;
    private final SessionRateLimit rateLimit;
    private final Auditor auditor;

    public StartCheckout(Guard guard, Catalog catalog, CheckoutPlan plan, UrlPolicy urls,
            EnsureCustomer customers, PaymentProvider payments, SessionRateLimit rateLimit, Auditor auditor) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /** The new session; the caller redirects the browser to its URL. */
    public CheckoutSession start(Principal principal, StartCheckoutCommand command) {
        Owner owner = guard.authorize(principal, command.owner(), command.organizationId(), Action.START_CHECKOUT);
        URI success = urls.requireAllowed(command.successUrl(), "successUrl");
        URI cancel = urls.requireAllowed(command.cancelUrl(), "cancelUrl");
        Price price = catalog.resolve(command.price(), owner.type());
        CheckoutTerms terms = plan.termsFor(owner, price, command.quantity());
        rateLimit.acquire(principal);
        Map<String, String> metadata = new HashMap<>(terms.metadata());
        metadata.putAll(OwnerMetadata.of(owner));
        metadata.put("billing_bridge_initiated_by", principal.userId().value());
        CheckoutMode mode = price.isRecurring() ? CheckoutMode.SUBSCRIPTION : CheckoutMode.PAYMENT;
        CheckoutSession session = customers.withCustomer(owner, customer -> payments.createCheckoutSession(
                new CheckoutRequest(customer, owner, price, mode, terms.quantity(), success, cancel,
                        terms.trialDays(), terms.automaticTax(), terms.allowPromotionCodes(), metadata,
                        IdempotencyKey.fresh("billing-bridge-checkout"))));
        auditor.allowed(principal, owner, Action.START_CHECKOUT, session.id() + " price=" + price.id() + " quantity=" + terms.quantity());
        return session;
    }
}

package io.billingbridge.core.checkout;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Guard;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.access.SessionRateLimit;
import io.billingbridge.core.account.EnsureCustomer;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.catalog.Catalog;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutMode;
import io.billingbridge.core.payment.CheckoutRequest;
import io.billingbridge.core.payment.CheckoutSession;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.signal.BillingSignals;
import io.billingbridge.core.signal.BillingSignals.SessionKind;
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
    private final BillingSignals signals;

    public StartCheckout(Guard guard, Catalog catalog, CheckoutPlan plan, UrlPolicy urls,
            EnsureCustomer customers, PaymentProvider payments, SessionRateLimit rateLimit, Auditor auditor,
            BillingSignals signals) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.signals = Objects.requireNonNull(signals, "signals");
    }

    /** The new session; the caller redirects the browser to its URL. */
    public CheckoutSession start(Principal principal, StartCheckoutCommand command) {
        CheckoutSession session;
        try {
            session = started(principal, command);
        } catch (BillingException refused) {
            signals.sessionRefused(SessionKind.CHECKOUT, refused.code());
            throw refused;
        } catch (RuntimeException unexpected) {
            signals.sessionRefused(SessionKind.CHECKOUT, BillingSignals.UNEXPECTED);
            throw unexpected;
        }
        signals.sessionStarted(SessionKind.CHECKOUT);
        return session;
    }

    private CheckoutSession started(Principal principal, StartCheckoutCommand command) {
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

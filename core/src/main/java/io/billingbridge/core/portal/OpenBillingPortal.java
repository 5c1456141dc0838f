package io.billingbridge.core.portal;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Guard;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.access.SessionRateLimit;
import io.billingbridge.core.account.EnsureCustomer;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.checkout.UrlPolicy;
import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.payment.PortalConfigurationId;
import io.billingbridge.core.payment.PortalSession;
import io.billingbridge.core.signal.BillingSignals;
import io.billingbridge.core.signal.BillingSignals.SessionKind;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** Opens a Stripe Billing Portal Session for the signed-in user or their active organization. */
public final class OpenBillingPortal {
    private final Guard guard;
    private final UrlPolicy urls;
    private final EnsureCustomer customers;
    private final PaymentProvider payments;
    private final SessionRateLimit rateLimit;
    private final Auditor auditor;
    private final Optional<PortalConfigurationId> configuration;
    private final BillingSignals signals;

    /** @param configuration the Stripe portal configuration to use, or empty for the account default */
    public OpenBillingPortal(Guard guard, UrlPolicy urls, EnsureCustomer customers, PaymentProvider payments,
            SessionRateLimit rateLimit, Auditor auditor, Optional<PortalConfigurationId> configuration,
            BillingSignals signals) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.signals = Objects.requireNonNull(signals, "signals");
    }

    /** The new portal session; the caller redirects the browser to its URL. */
    public PortalSession open(Principal principal, OpenBillingPortalCommand command) {
        PortalSession session;
        try {
            session = opened(principal, command);
        } catch (BillingException refused) {
            signals.sessionRefused(SessionKind.PORTAL, refused.code());
            throw refused;
        } catch (RuntimeException unexpected) {
            signals.sessionRefused(SessionKind.PORTAL, BillingSignals.UNEXPECTED);
            throw unexpected;
        }
        signals.sessionStarted(SessionKind.PORTAL);
        return session;
    }

    private PortalSession opened(Principal principal, OpenBillingPortalCommand command) {
        Owner owner = guard.authorize(principal, command.owner(), command.organizationId(), Action.OPEN_PORTAL);
        URI returnUrl = urls.requireAllowed(command.returnUrl(), "returnUrl");
        rateLimit.acquire(principal);
        PortalSession session = customers.withCustomer(owner,
                customer -> payments.createPortalSession(customer, returnUrl, configuration));
        auditor.allowed(principal, owner, Action.OPEN_PORTAL, session.id());
        return session;
    }
}

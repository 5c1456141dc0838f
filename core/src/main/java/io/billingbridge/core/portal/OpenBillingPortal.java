package io.billingbridge.core.portal;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Guard;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.access.SessionRateLimit;
import io.billingbridge.core.account.EnsureCustomer;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.checkout.UrlPolicy;
import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.lifecycle.CancelSubscription;
import io.billingbridge.core.lifecycle.OwnedSubscription;
import io.billingbridge.core.lifecycle.OwnedSubscriptions;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.payment.PortalConfigurationId;
import io.billingbridge.core.payment.PortalFlow;
import io.billingbridge.core.payment.PortalSession;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.signal.BillingSignals;
import io.billingbridge.core.signal.BillingSignals.SessionKind;
import io.billingbridge.core.snapshot.SubscriptionView;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens a Stripe Billing Portal Session for the signed-in user or their active organization, with the portal
 * configuration of the owner's type, optionally straight on one step (a flow).
 *
 * <p>A subscription flow names a subscription, which must be the owner's ({@link OwnedSubscriptions}: the same
 * audited 404 as the lifecycle endpoints) and not have ended; a cancel flow for one already set to cancel is a 409.
 * Without a subscription flow a {@code subscription} field is ignored, as any unknown field is.
 */
public final class OpenBillingPortal {
    /** The error code of a cancel flow for a subscription already set to cancel. */
    public static final String CANCEL_SCHEDULED = "cancel_already_scheduled";
    private final Guard guard;
    private final UrlPolicy urls;
    private final EnsureCustomer customers;
    private final PaymentProvider payments;
    private final SessionRateLimit rateLimit;
    private final Auditor auditor;
    private final Function<OwnerType, Optional<PortalConfigurationId>> configuration;
    private final OwnedSubscriptions owned;
    private final BillingSignals signals;

    /** A portal with one configuration for every owner (empty: the account default) and no subscription flows. */
    public OpenBillingPortal(Guard guard, UrlPolicy urls, EnsureCustomer customers, PaymentProvider payments,
            SessionRateLimit rateLimit, Auditor auditor, Optional<PortalConfigurationId> configuration,
            BillingSignals signals) {
        this(guard, urls, customers, payments, rateLimit, auditor, type -> configuration, null, signals);
    }

    /**
     * A portal with the owner type's configuration, and subscription flows checked against the owner's snapshot.
     *
     * @param configurations the configuration per owner type
     * @param owned finds the subscription a flow names among the owner's
     */
    public OpenBillingPortal(Guard guard, UrlPolicy urls, EnsureCustomer customers, PaymentProvider payments,
            SessionRateLimit rateLimit, Auditor auditor, PortalConfigurations configurations,
            OwnedSubscriptions owned, BillingSignals signals) {
        this(guard, urls, customers, payments, rateLimit, auditor,
                type -> Optional.of(configurations.forOwnerType(type)), Objects.requireNonNull(owned, "owned"),
                signals);
    }

    private OpenBillingPortal(Guard guard, UrlPolicy urls, EnsureCustomer customers, PaymentProvider payments,
            SessionRateLimit rateLimit, Auditor auditor,
            Function<OwnerType, Optional<PortalConfigurationId>> configuration, OwnedSubscriptions owned,
            BillingSignals signals) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.owned = owned;
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
        Optional<PortalFlow.Type> type = command.flow().map(PortalFlow.Type::parse);
        boolean subscriptionFlow = type.map(PortalFlow.Type::needsSubscription).orElse(false);
        Owner owner;
        Optional<PortalFlow> flow;
        if (subscriptionFlow) {
            if (owned == null) {
                throw new InvalidRequest("invalid_flow", "subscription flows are not available", "flow");
            }
            String subscriptionId = command.subscription().filter(s -> !s.isBlank()).orElseThrow(() ->
                    new InvalidRequest("parameter_missing", "subscription is required for flow "
                            + type.get().wireName(), "subscription"));
            OwnedSubscription found = owned.find(principal, command.owner(), command.organizationId(),
                    subscriptionId, Action.OPEN_PORTAL);
            owner = found.owner();
            SubscriptionView subscription = found.subscription();
            if (subscription.hasEnded()) {
                throw new Conflict(CancelSubscription.ENDED, "the subscription has already ended");
            }
            if (type.get() == PortalFlow.Type.SUBSCRIPTION_CANCEL && subscription.cancelScheduled()) {
                throw new Conflict(CANCEL_SCHEDULED, "the subscription is already set to cancel");
            }
            flow = Optional.of(new PortalFlow(type.get(), Optional.of(new SubscriptionId(subscription.id()))));
        } else {
            owner = guard.authorize(principal, command.owner(), command.organizationId(), Action.OPEN_PORTAL);
            flow = type.map(t -> new PortalFlow(t, Optional.empty()));
        }
        URI returnUrl = urls.requireAllowed(command.returnUrl(), "returnUrl");
        if (!subscriptionFlow) {
            rateLimit.acquire(principal);
        }
        Optional<PortalFlow> chosen = flow;
        Owner target = owner;
        PortalSession session = customers.withCustomer(owner, customer -> payments.createPortalSession(customer,
                returnUrl, configuration.apply(target.type()), chosen));
        auditor.allowed(principal, owner, Action.OPEN_PORTAL, session.id() + chosen.map(f -> " flow="
                + f.type().wireName() + f.subscription().map(s -> " " + s).orElse("")).orElse(""));
        return session;
    }
}

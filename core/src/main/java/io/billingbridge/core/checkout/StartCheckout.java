package io.billingbridge.core.checkout;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Guard;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.access.SessionRateLimit;
import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.EnsureCustomer;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.catalog.Catalog;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutMode;
import io.billingbridge.core.payment.CheckoutRequest;
import io.billingbridge.core.payment.CheckoutSession;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.payment.PromotionCode;
import io.billingbridge.core.payment.PromotionCodeId;
import io.billingbridge.core.signal.BillingSignals;
import io.billingbridge.core.signal.BillingSignals.SessionKind;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a Stripe Checkout Session for the signed-in user or their active organization.
 *
 * <p>The {@link CheckoutGuardrails} hold before anything is sent: no second live subscription in a product group
 * ({@code 409 already_subscribed}, naming the owner's subscription to change instead), no second trial for an owner,
 * and a promotion code only when it can be redeemed by this owner now ({@code 400 promotion_code_invalid}). They
 * read the owner's stored billing snapshot (synced once when missing or out of date; not at all for an owner whose
 * customer this checkout creates, who has nothing yet); a one-time price is never refused by the subscription rule.
 *
 * <p>A recurring price may come with metered add-ons (its {@link CheckoutTerms#meteredAddOns()}): each must be a
 * metered price of the same currency and interval, else the price is misconfigured ({@code 400
 * price_misconfigured}); the checkout adds them all, or only those the request names, each of which must be allowed
 * ({@code 400 add_on_not_allowed}).
 */
public final class StartCheckout {
    /** The error code of a subscription checkout refused because the owner already has one in that group. */
    public static final String ALREADY_SUBSCRIBED = "already_subscribed";
    /** The error code of a promotion code that does not exist or cannot be redeemed now. */
    public static final String PROMOTION_CODE_INVALID = "promotion_code_invalid";
    /**
     * Statuses in which a subscription still counts against its group: everything that has not ended, including a
     * paused one and one whose first payment is incomplete, since buying again would charge twice.
     */
    private static final Logger LOG = LoggerFactory.getLogger(StartCheckout.class);
    static final Set<String> LIVE = Set.of("active", "trialing", "past_due", "incomplete", "unpaid", "paused");
    /** The error code of an add-on the request names that the price does not allow. */
    public static final String ADD_ON_NOT_ALLOWED = "add_on_not_allowed";
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    private final Guard guard;
    private final Catalog catalog;
    private final CheckoutPlan plan;
    private final UrlPolicy urls;
    private final EnsureCustomer customers;
    private final PaymentProvider payments;
    private final SessionRateLimit rateLimit;
    private final Auditor auditor;
    private final BillingSignals signals;
    private final CheckoutGuardrails guardrails;
    private final CurrentSnapshot snapshots;
    private final Clock clock;

    public StartCheckout(Guard guard, Catalog catalog, CheckoutPlan plan, UrlPolicy urls,
            EnsureCustomer customers, PaymentProvider payments, SessionRateLimit rateLimit, Auditor auditor,
            BillingSignals signals, CheckoutGuardrails guardrails, CurrentSnapshot snapshots, Clock clock) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        Guard.Authorized authorized = guard.authorizeWithAccount(principal, command.owner(), command.organizationId(),
                Action.START_CHECKOUT);
        Owner owner = authorized.owner();
        // An owner without a customer yet has no subscriptions: its checkout needs no snapshot (nor a slow sync).
        boolean hadCustomer = authorized.account().flatMap(BillingAccount::customerId).isPresent();
        URI success = urls.requireAllowed(command.successUrl(), "successUrl");
        URI cancel = urls.requireAllowed(command.cancelUrl(), "cancelUrl");
        Price price = catalog.resolve(command.price(), owner.type());
        CheckoutTerms terms = plan.termsFor(owner, price, command.quantity());
        List<Price> addOns = addOns(price, terms, command.addOns(), owner);
        Optional<String> code = command.promotionCode().map(String::trim).filter(c -> !c.isEmpty());
        if (code.isPresent() && !CODE.matcher(code.get()).matches()) {
            throw invalidCode();
        }
        rateLimit.acquire(principal);
        Map<String, String> metadata = new HashMap<>(terms.metadata());
        metadata.putAll(OwnerMetadata.of(owner));
        metadata.put("billing_bridge_initiated_by", principal.userId().value());
        CheckoutMode mode = price.isRecurring() ? CheckoutMode.SUBSCRIPTION : CheckoutMode.PAYMENT;
        CheckoutSession session = customers.withCustomer(owner, customer -> {
            Optional<Integer> trialDays = terms.trialDays();
            if (mode == CheckoutMode.SUBSCRIPTION && hadCustomer && needsSnapshot(trialDays)) {
                BillingSnapshot snapshot = snapshots.of(owner, customer);
                if (guardrails.oneSubscriptionPerGroup()) {
                    refuseSecondInGroup(principal, owner, price, snapshot);
                }
                if (guardrails.trialOncePerOwner() && hadTrial(snapshot)) {
                    trialDays = Optional.empty();
                }
            }
            Optional<PromotionCodeId> promotion = code.map(c -> redeemable(c, customer));
            return payments.createCheckoutSession(new CheckoutRequest(customer, owner, price, mode,
                    terms.quantity(), success, cancel, trialDays, terms.automaticTax(),
                    terms.allowPromotionCodes() && promotion.isEmpty(), metadata,
                    IdempotencyKey.fresh("billing-bridge-checkout"), promotion,
                    trialDays.isPresent() && !guardrails.trialRequiresPaymentMethod(),
                    guardrails.trialEndBehavior(), guardrails.taxIdCollection(), addOns));
        });
        auditor.allowed(principal, owner, Action.START_CHECKOUT, session.id() + " price=" + price.id()
                + (price.isMetered() ? " metered" : " quantity=" + terms.quantity())
                + (addOns.isEmpty() ? "" : " add_ons=" + String.join(",", addOns.stream().map(Price::id).toList()))
                + code.map(c -> " promotion_code=" + c).orElse(""));
        return session;
    }

    /** The add-ons this checkout buys: those the request names, else all the price allows. */
    private List<Price> addOns(Price price, CheckoutTerms terms, Optional<List<String>> requested, Owner owner) {
        List<Price> allowed = new ArrayList<>();
        if (price.isRecurring()) {
            for (String reference : terms.meteredAddOns()) {
                Price addOn = allowedAddOn(price, reference, owner);
                if (!addOn.id().equals(price.id()) && allowed.stream().noneMatch(a -> a.id().equals(addOn.id()))) {
                    allowed.add(addOn);
                }
            }
        }
        if (requested.isEmpty()) {
            return List.copyOf(allowed);
        }
        List<Price> chosen = new ArrayList<>();
        for (String reference : requested.get()) {
            Price addOn = allowed.stream().filter(a -> a.id().equals(reference)
                    || a.lookupKey().filter(reference::equals).isPresent()).findFirst()
                    .orElseThrow(() -> new InvalidRequest(ADD_ON_NOT_ALLOWED, "that add-on cannot be bought with this"
                            + " price", "addOns"));
            if (!chosen.contains(addOn)) {
                chosen.add(addOn);
            }
        }
        return List.copyOf(chosen);
    }

    private Price allowedAddOn(Price base, String reference, Owner owner) {
        Price addOn;
        try {
            addOn = catalog.resolve(reference, owner.type());
        } catch (InvalidRequest notPurchasable) {
            LOG.warn("price {} lists add-on {}, which is not a purchasable price for {}s", base.id(), reference,
                    owner.type().wireName());
            throw misconfiguredAddOns();
        }
        Price.Recurring baseInterval = base.recurring().orElseThrow();
        boolean fits = addOn.isMetered() && addOn.currency().equalsIgnoreCase(base.currency())
                && addOn.recurring().filter(r -> r.interval().equals(baseInterval.interval())
                        && r.intervalCount() == baseInterval.intervalCount()).isPresent();
        if (!fits) {
            LOG.warn("price {} lists add-on {}, which is not a metered price of its currency and interval", base.id(),
                    addOn.id());
            throw misconfiguredAddOns();
        }
        return addOn;
    }

    private static InvalidRequest misconfiguredAddOns() {
        return new InvalidRequest("price_misconfigured", "that price's metered add-ons are misconfigured", "price");
    }

    private boolean needsSnapshot(Optional<Integer> trialDays) {
        return guardrails.oneSubscriptionPerGroup() || guardrails.trialOncePerOwner() && trialDays.isPresent();
    }

    private void refuseSecondInGroup(Principal principal, Owner owner, Price price, BillingSnapshot snapshot) {
        String group = price.setting(CheckoutGuardrails.GROUP_KEY).orElse(CheckoutGuardrails.DEFAULT_GROUP);
        for (SubscriptionView subscription : snapshot.subscriptions()) {
            if (LIVE.contains(subscription.status()) && subscription.items().stream()
                    .anyMatch(item -> group.equals(groupOf(item, owner)))) {
                auditor.denied(principal, Optional.of(owner), Action.START_CHECKOUT, ALREADY_SUBSCRIBED + " "
                        + subscription.id());
                throw new Conflict(ALREADY_SUBSCRIBED, "this " + owner.type().wireName()
                        + " already has a subscription in this product group; change that subscription instead",
                        subscription.id());
            }
        }
    }

    /** The item's group as the snapshot recorded it, else as the catalog's product says, else the default group. */
    private String groupOf(SubscriptionItemView item, Owner owner) {
        return item.productGroup().or(() -> catalogGroup(item.productId(), owner))
                .orElse(CheckoutGuardrails.DEFAULT_GROUP);
    }

    private Optional<String> catalogGroup(String productId, Owner owner) {
        List<Price> prices = catalog.purchasable(owner.type());
        return prices.stream().filter(p -> p.product().id().equals(productId)).findFirst()
                .flatMap(p -> Optional.ofNullable(p.product().metadata().get(CheckoutGuardrails.GROUP_KEY)));
    }

    private static boolean hadTrial(BillingSnapshot snapshot) {
        return snapshot.subscriptions().stream().anyMatch(s -> s.trialEnd().isPresent());
    }

    private PromotionCodeId redeemable(String code, CustomerId customer) {
        Optional<PromotionCode> found = payments.findPromotionCode(code);
        if (found.isEmpty() || !found.get().redeemableBy(customer, clock.instant())) {
            throw invalidCode();
        }
        return found.get().id();
    }

    private static InvalidRequest invalidCode() {
        return new InvalidRequest(PROMOTION_CODE_INVALID, "that promotion code does not exist, has expired or cannot"
                + " be used for this purchase", "promotionCode");
    }
}

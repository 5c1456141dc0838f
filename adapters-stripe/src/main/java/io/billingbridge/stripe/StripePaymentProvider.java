package io.billingbridge.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeSearchResult;
import com.stripe.model.Subscription;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PriceListParams;
import com.stripe.model.billingportal.Configuration;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.PromotionCodeListParams;
import com.stripe.param.SubscriptionResumeParams;
import com.stripe.param.billingportal.ConfigurationListParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.common.EmptyParam;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.checkout.OwnerMetadata;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.payment.CancellationReason;
import io.billingbridge.core.payment.CheckoutDetails;
import io.billingbridge.core.payment.CheckoutMode;
import io.billingbridge.core.payment.CheckoutRequest;
import io.billingbridge.core.payment.CheckoutSession;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.FoundPortalConfiguration;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.InvoiceId;
import io.billingbridge.core.payment.InvoiceNotice;
import io.billingbridge.core.payment.OwnedCustomer;
import io.billingbridge.core.payment.OwnedCustomerPage;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.payment.PortalConfigurationId;
import io.billingbridge.core.payment.PortalConfigurationSpec;
import io.billingbridge.core.payment.PortalFlow;
import io.billingbridge.core.payment.PortalSession;
import io.billingbridge.core.payment.PriceId;
import io.billingbridge.core.payment.PromotionCode;
import io.billingbridge.core.payment.PromotionCodeId;
import io.billingbridge.core.payment.ProrationBehavior;
import io.billingbridge.core.payment.ProrationPreview;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.payment.SubscriptionItemId;
import io.billingbridge.core.payment.TrialEndBehavior;
import io.billingbridge.core.payment.TrialNotice;
import io.billingbridge.core.signal.BillingSignals;
import io.billingbridge.core.snapshot.BillingSnapshot;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PaymentProvider} on Stripe through one stripe-java {@link StripeClient}, with a client-side request budget
 * under Stripe's rate limits and every {@link StripeException} translated into a core exception.
 *
 * <p>Calls per operation: find customer 1 (search), owned customers 1 per page of 100, live subscription check 1,
 * create/update/delete customer 1, cancel subscriptions
 * 1 + one per live subscription, active prices 1 per 100 prices, checkout 1, checkout session 1, portal 1,
 * quantity 1, snapshot 6 or 7 (see {@link StripeSnapshots}), plan changes (see {@link StripePlanChanges}), cancel 1,
 * withdraw a cancellation 2 (read, then update), resume 1, find portal configuration 1 per 100, save portal
 * configuration 1.
 */
public final class StripePaymentProvider implements PaymentProvider {

    private static final Logger LOG = LoggerFactory.getLogger(StripePaymentProvider.class);
    /** Subscription states that can still be canceled. */
    private static final Set<String> ENDED = Set.of("canceled", "incomplete_expired");
    private static final Pattern SESSION_PLACEHOLDER = Pattern.compile("%7BCHECKOUT_SESSION_ID%7D",
            Pattern.CASE_INSENSITIVE);

    private final StripeClient stripe;
    private final StripeSnapshots snapshots;
    private final StripePlanChanges planChanges;
    private final StripeNotices notices;

    /** A provider talking to {@link StripeSettings#apiBase()} with the settings' key, timeouts, retries and budget. */
    public StripePaymentProvider(StripeSettings settings) {
        this(client(settings));
    }

    StripePaymentProvider(StripeClient stripe) {
        this.stripe = Objects.requireNonNull(stripe, "stripe");
        this.snapshots = new StripeSnapshots(stripe);
        this.planChanges = new StripePlanChanges(stripe);
        this.notices = new StripeNotices(stripe);
    }

    /**
     * Two providers on one request budget: {@code background} (webhook worker, reconcile, background refreshes) with
     * the settings' timeouts and retries, and {@code requests} for calls made while an HTTP request waits, each call
     * bounded by {@link StripeSettings#requestTimeout()} so a hung Stripe costs a request seconds, not minutes; and
     * the meter events adapter, whose meter and subscription reads share that budget while its events have their own.
     */
    public record Providers(StripePaymentProvider background, StripePaymentProvider requests,
            StripeMeterEvents meterEvents) {
        public Providers {
            Objects.requireNonNull(background, "background");
            Objects.requireNonNull(requests, "requests");
            Objects.requireNonNull(meterEvents, "meterEvents");
        }
    }

    /** The background and request providers for these settings, sharing the client-side budget; no signals. */
    public static Providers providers(StripeSettings settings) {
        return providers(settings, BillingSignals.NONE);
    }

    /**
     * The background and request providers for these settings, sharing the client-side budget, telling
     * {@code signals} of every HTTP attempt to Stripe.
     */
    public static Providers providers(StripeSettings settings, BillingSignals signals) {
        RequestBudget all = allBudget(settings);
        RequestBudget search = searchBudget(settings);
        StripeClient background = client(settings, settings.connectTimeout(), settings.readTimeout(),
                new BudgetedHttpClient(all, search, settings.maxBudgetWait(), signals));
        StripeClient requests = client(settings, shorter(settings.connectTimeout(), settings.requestTimeout()),
                shorter(settings.readTimeout(), settings.requestTimeout()),
                new BudgetedHttpClient(all, search, settings.maxBudgetWait(), settings.requestTimeout(),
                        signals));
        StripeClient meterEvents = StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setApiBase(settings.apiBase().toString())
                .setConnectTimeout((int) shorter(settings.connectTimeout(), settings.requestTimeout()).toMillis())
                .setReadTimeout((int) shorter(settings.readTimeout(), settings.requestTimeout()).toMillis())
                .setMaxNetworkRetries(0)
                .setHttpClient(new BudgetedHttpClient(new RequestBudget(settings.meterEventsPerSecond(),
                        System::nanoTime), search, settings.maxBudgetWait(), settings.requestTimeout(), signals))
                .build();
        return new Providers(new StripePaymentProvider(background), new StripePaymentProvider(requests),
                new StripeMeterEvents(requests, meterEvents));
    }

    /** The billing meters and their usage, through this provider's client (its timeouts and request budget). */
    public StripeMeterUsage meterUsage() {
        return new StripeMeterUsage(stripe);
    }

    /** The one client for these settings; never the static {@code Stripe.apiKey} globals. */
    static StripeClient client(StripeSettings settings) {
        return client(settings, settings.connectTimeout(), settings.readTimeout(),
                new BudgetedHttpClient(allBudget(settings), searchBudget(settings), settings.maxBudgetWait(),
                        BillingSignals.NONE));
    }

    private static StripeClient client(StripeSettings settings, Duration connectTimeout, Duration readTimeout,
            BudgetedHttpClient http) {
        return StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setApiBase(settings.apiBase().toString())
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setReadTimeout((int) readTimeout.toMillis())
                .setMaxNetworkRetries(settings.maxNetworkRetries())
                .setHttpClient(http)
                .build();
    }

    private static RequestBudget allBudget(StripeSettings settings) {
        return new RequestBudget(settings.opsPerSecond(), System::nanoTime);
    }

    private static RequestBudget searchBudget(StripeSettings settings) {
        return new RequestBudget(Math.min(settings.searchPerSecond(), settings.opsPerSecond()), System::nanoTime);
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A call to Stripe that may fail with a {@link StripeException}. */
    @FunctionalInterface
    interface StripeCall<T> {
        T run() throws StripeException;
    }

    /** Runs one Stripe call, translating its failure. */
    static <T> T call(String operation, StripeCall<T> call) {
        try {
            return call.run();
        } catch (StripeException e) {
            throw StripeErrors.translate(operation, e);
        }
    }

    @Override
    public Optional<CustomerId> findCustomer(Owner owner) {
        String query = "metadata['" + OwnerMetadata.OWNER_TYPE + "']:'" + quote(owner.type().wireName())
                + "' AND metadata['" + OwnerMetadata.OWNER_ID + "']:'" + quote(owner.id()) + "'";
        StripeSearchResult<Customer> result = call("findCustomer", () -> stripe.v1().customers().search(
                CustomerSearchParams.builder().setQuery(query).setLimit(10L).build()));
        List<Customer> found = result.getData().stream()
                .filter(c -> !Boolean.TRUE.equals(c.getDeleted()))
                .sorted(Comparator.comparing(Customer::getCreated, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Customer::getId))
                .toList();
        if (found.size() > 1) {
            LOG.warn("{} has {} Stripe customers ({}...): using the oldest, {}", owner.key(), found.size(),
                    found.get(1).getId(), found.get(0).getId());
        }
        return found.stream().findFirst().map(c -> new CustomerId(c.getId()));
    }

    /** Escapes a value for a single-quoted Stripe search string. */
    static String quote(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }

    @Override
    public CustomerId createCustomer(Owner owner, CustomerProfile profile, IdempotencyKey idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        CustomerCreateParams.Builder params = CustomerCreateParams.builder().putAllMetadata(metadata(owner, profile));
        profile.name().ifPresent(params::setName);
        profile.email().ifPresent(params::setEmail);
        Customer customer = call("createCustomer", () -> stripe.v1().customers().create(params.build(),
                RequestOptions.builder().setIdempotencyKey(idempotencyKey.value()).build()));
        LOG.info("Stripe customer {} for {} (request {})", customer.getId(), owner.key(), requestId(customer));
        return new CustomerId(customer.getId());
    }

    private static Map<String, String> metadata(Owner owner, CustomerProfile profile) {
        Map<String, String> metadata = new HashMap<>(profile.metadata());
        metadata.putAll(OwnerMetadata.of(owner));
        return metadata;
    }

    @Override
    public void updateCustomer(CustomerId customer, Owner owner, CustomerProfile profile) {
        CustomerUpdateParams.Builder params = CustomerUpdateParams.builder().putAllMetadata(metadata(owner, profile));
        if (profile.name().isPresent()) {
            params.setName(profile.name().get());
        } else {
            params.setName(EmptyParam.EMPTY);
        }
        if (profile.email().isPresent()) {
            params.setEmail(profile.email().get());
        } else {
            params.setEmail(EmptyParam.EMPTY);
        }
        Customer updated = call("updateCustomer", () -> stripe.v1().customers().update(customer.value(),
                params.build()));
        LOG.info("Updated Stripe customer {} for {} (request {})", customer, owner.key(), requestId(updated));
    }

    @Override
    public Optional<Map<String, String>> customerMetadata(CustomerId customer) {
        Customer found;
        try {
            found = call("customerMetadata", () -> stripe.v1().customers().retrieve(customer.value()));
        } catch (NotFound missing) {
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(found.getDeleted())) {
            return Optional.empty();
        }
        return Optional.of(StripeMapping.metadata(found.getMetadata()));
    }

    @Override
    public OwnedCustomerPage ownedCustomers(Optional<CustomerId> after) {
        CustomerListParams.Builder params = CustomerListParams.builder().setLimit(100L);
        after.ifPresent(customer -> params.setStartingAfter(customer.value()));
        StripeCollection<Customer> page = call("ownedCustomers", () -> stripe.v1().customers().list(params.build()));
        List<Customer> customers = page.getData();
        List<OwnedCustomer> owned = new ArrayList<>();
        for (Customer customer : customers) {
            if (!Boolean.TRUE.equals(customer.getDeleted())) {
                owner(StripeMapping.metadata(customer.getMetadata()))
                        .ifPresent(owner -> owned.add(new OwnedCustomer(new CustomerId(customer.getId()), owner)));
            }
        }
        Optional<CustomerId> next = Boolean.TRUE.equals(page.getHasMore()) && !customers.isEmpty()
                ? Optional.of(new CustomerId(customers.get(customers.size() - 1).getId())) : Optional.empty();
        return new OwnedCustomerPage(owned, customers.size(), next);
    }

    /** The owner the metadata names, if it names a well-formed one. */
    static Optional<Owner> owner(Map<String, String> metadata) {
        String id = metadata.get(OwnerMetadata.OWNER_ID);
        return Optional.ofNullable(metadata.get(OwnerMetadata.OWNER_TYPE)).flatMap(OwnerType::fromWireName)
                .flatMap(type -> {
                    try {
                        return Optional.of(Owner.of(type, id));
                    } catch (IllegalArgumentException | NullPointerException malformed) {
                        return Optional.empty();
                    }
                });
    }

    @Override
    public boolean hasLiveSubscription(CustomerId customer) {
        StripeCollection<Subscription> page = call("hasLiveSubscription", () -> stripe.v1().subscriptions().list(
                SubscriptionListParams.builder().setCustomer(customer.value()).setLimit(100L).build()));
        return StripeMapping.all("hasLiveSubscription", page).stream()
                .anyMatch(subscription -> !ENDED.contains(subscription.getStatus()));
    }

    @Override
    public void deleteCustomer(CustomerId customer) {
        try {
            Customer deleted = call("deleteCustomer", () -> stripe.v1().customers().delete(customer.value()));
            LOG.info("Deleted Stripe customer {} (request {})", customer, requestId(deleted));
        } catch (NotFound alreadyGone) {
            LOG.info("Stripe customer {} was already deleted", customer);
        }
    }

    @Override
    public void cancelSubscriptions(CustomerId customer, boolean atPeriodEnd) {
        StripeCollection<Subscription> page = call("cancelSubscriptions", () -> stripe.v1().subscriptions().list(
                SubscriptionListParams.builder().setCustomer(customer.value()).setLimit(100L).build()));
        List<Subscription> live = new ArrayList<>();
        for (Subscription subscription : StripeMapping.all("cancelSubscriptions", page)) {
            if (!ENDED.contains(subscription.getStatus())) {
                live.add(subscription);
            }
        }
        for (Subscription subscription : live) {
            if (atPeriodEnd && !"incomplete".equals(subscription.getStatus())) {
                if (Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd())) {
                    continue;
                }
                call("cancelSubscriptions", () -> stripe.v1().subscriptions().update(subscription.getId(),
                        SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build()));
                LOG.info("Stripe subscription {} of {} cancels at period end", subscription.getId(), customer);
            } else {
                call("cancelSubscriptions", () -> stripe.v1().subscriptions().cancel(subscription.getId()));
                LOG.info("Canceled Stripe subscription {} of {}", subscription.getId(), customer);
            }
        }
    }

    @Override
    public List<Price> activePrices() {
        StripeCollection<com.stripe.model.Price> first = call("activePrices", () -> stripe.v1().prices().list(
                PriceListParams.builder().setActive(true).setLimit(100L).addExpand("data.product").build()));
        List<Price> prices = new ArrayList<>();
        for (com.stripe.model.Price price : StripeMapping.all("activePrices", first)) {
            StripeMapping.price(price).ifPresent(prices::add);
        }
        return List.copyOf(prices);
    }

    @Override
    public CheckoutSession createCheckoutSession(CheckoutRequest request) {
        Map<String, String> metadata = new HashMap<>(request.metadata());
        metadata.putAll(OwnerMetadata.of(request.owner()));
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(request.mode() == CheckoutMode.SUBSCRIPTION ? SessionCreateParams.Mode.SUBSCRIPTION
                        : SessionCreateParams.Mode.PAYMENT)
                .setCustomer(request.customer().value())
                .setClientReferenceId(request.owner().id())
                .addLineItem(lineItem(request.price(), request.quantity()))
                .setSuccessUrl(withSessionPlaceholder(request.successUrl()))
                .setCancelUrl(request.cancelUrl().toString())
                .putAllMetadata(metadata)
                .setAutomaticTax(SessionCreateParams.AutomaticTax.builder().setEnabled(request.automaticTax()).build())
                .setAllowPromotionCodes(request.allowPromotionCodes());
        // Stripe refuses a quantity on a metered line: its usage is charged at the period's end.
        request.meteredAddOns().forEach(addOn -> params.addLineItem(lineItem(addOn, 1)));
        if (request.automaticTax() || request.taxIdCollection()) {
            SessionCreateParams.CustomerUpdate.Builder update = SessionCreateParams.CustomerUpdate.builder();
            if (request.automaticTax()) {
                update.setAddress(SessionCreateParams.CustomerUpdate.Address.AUTO);
            }
            if (request.taxIdCollection()) {
                // Stripe requires customer_update[name]=auto to collect tax ids for an existing customer.
                update.setName(SessionCreateParams.CustomerUpdate.Name.AUTO);
                params.setTaxIdCollection(SessionCreateParams.TaxIdCollection.builder().setEnabled(true).build());
            }
            params.setCustomerUpdate(update.build());
        }
        request.promotionCode().ifPresent(code -> params.setAllowPromotionCodes(null)
                .addDiscount(SessionCreateParams.Discount.builder().setPromotionCode(code.value()).build()));
        if (request.mode() == CheckoutMode.SUBSCRIPTION) {
            SessionCreateParams.SubscriptionData.Builder data = SessionCreateParams.SubscriptionData.builder()
                    .putAllMetadata(metadata);
            request.trialDays().ifPresent(days -> data.setTrialPeriodDays(days.longValue()));
            if (request.trialDays().isPresent() && request.trialWithoutPaymentMethod()) {
                params.setPaymentMethodCollection(SessionCreateParams.PaymentMethodCollection.IF_REQUIRED);
                data.setTrialSettings(SessionCreateParams.SubscriptionData.TrialSettings.builder()
                        .setEndBehavior(SessionCreateParams.SubscriptionData.TrialSettings.EndBehavior.builder()
                                .setMissingPaymentMethod(missingPaymentMethod(request.trialEndBehavior())).build())
                        .build());
            }
            params.setSubscriptionData(data.build());
        } else {
            params.setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder().putAllMetadata(metadata)
                    .build());
        }
        com.stripe.model.checkout.Session session;
        try {
            session = call("createCheckoutSession", () -> stripe.v1().checkout().sessions().create(params.build(),
                    RequestOptions.builder().setIdempotencyKey(request.idempotencyKey().value()).build()));
        } catch (InvalidRequest refused) {
            if (request.promotionCode().isPresent() && refused.param().filter(p -> p.startsWith("discounts")).isPresent()) {
                // Stripe checks the code's own restrictions (first purchase, minimum amount) only now.
                throw new InvalidRequest("promotion_code_invalid", "that promotion code cannot be used for this"
                        + " purchase", "promotionCode");
            }
            throw refused;
        }
        LOG.info("Stripe checkout session {} for {} ({}, price {}, request {})", session.getId(),
                request.owner().key(), request.mode().wireName(), request.price().id(), requestId(session));
        return StripeMapping.checkoutSession(session);
    }

    private static SessionCreateParams.LineItem lineItem(Price price, long quantity) {
        SessionCreateParams.LineItem.Builder line = SessionCreateParams.LineItem.builder().setPrice(price.id());
        if (!price.isMetered()) {
            line.setQuantity(quantity);
        }
        return line.build();
    }

    private static SessionCreateParams.SubscriptionData.TrialSettings.EndBehavior.MissingPaymentMethod
            missingPaymentMethod(TrialEndBehavior behavior) {
        return switch (behavior) {
            case CANCEL -> SessionCreateParams.SubscriptionData.TrialSettings.EndBehavior.MissingPaymentMethod.CANCEL;
            case PAUSE -> SessionCreateParams.SubscriptionData.TrialSettings.EndBehavior.MissingPaymentMethod.PAUSE;
            case CREATE_INVOICE ->
                SessionCreateParams.SubscriptionData.TrialSettings.EndBehavior.MissingPaymentMethod.CREATE_INVOICE;
        };
    }

    @Override
    public Optional<PromotionCode> findPromotionCode(String code) {
        Objects.requireNonNull(code, "code");
        List<com.stripe.model.PromotionCode> found = call("findPromotionCode", () -> stripe.v1().promotionCodes()
                .list(PromotionCodeListParams.builder().setCode(code).setLimit(10L)
                        .addExpand("data.promotion.coupon").build())).getData();
        return found.stream().filter(p -> code.equalsIgnoreCase(p.getCode()))
                .sorted((a, b) -> Boolean.compare(Boolean.TRUE.equals(b.getActive()), Boolean.TRUE.equals(a.getActive())))
                .findFirst().map(StripePaymentProvider::promotionCode);
    }

    private static PromotionCode promotionCode(com.stripe.model.PromotionCode code) {
        com.stripe.model.Coupon coupon = code.getPromotion() == null ? null : code.getPromotion().getCouponObject();
        return new PromotionCode(new PromotionCodeId(code.getId()), code.getCode(),
                Boolean.TRUE.equals(code.getActive()), StripeMapping.instant(code.getExpiresAt()),
                Optional.ofNullable(code.getCustomer()).map(CustomerId::new),
                Optional.ofNullable(code.getMaxRedemptions()),
                code.getTimesRedeemed() == null ? 0 : code.getTimesRedeemed(),
                coupon != null && Boolean.TRUE.equals(coupon.getValid()));
    }

    /**
     * The URL as Stripe needs it: a {@link URI} can only hold Stripe's {@code {CHECKOUT_SESSION_ID}} placeholder
     * percent-encoded, but Stripe replaces only the literal braces.
     */
    static String withSessionPlaceholder(URI url) {
        return SESSION_PLACEHOLDER.matcher(url.toString()).replaceAll("{CHECKOUT_SESSION_ID}");
    }

    @Override
    public CheckoutSession checkoutSession(CheckoutSessionId sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        return StripeMapping.checkoutSession(call("checkoutSession",
                () -> stripe.v1().checkout().sessions().retrieve(sessionId.value())));
    }

    @Override
    public Optional<CheckoutDetails> checkoutDetails(CheckoutSessionId sessionId) {
        return notices.checkoutDetails(Objects.requireNonNull(sessionId, "sessionId"));
    }

    @Override
    public Optional<InvoiceNotice> invoiceNotice(InvoiceId invoice) {
        return notices.invoiceNotice(Objects.requireNonNull(invoice, "invoice"));
    }

    @Override
    public Optional<TrialNotice> trialNotice(SubscriptionId subscription) {
        return notices.trialNotice(Objects.requireNonNull(subscription, "subscription"));
    }

    @Override
    public PortalSession createPortalSession(CustomerId customer, URI returnUrl,
            Optional<PortalConfigurationId> configuration, Optional<PortalFlow> flow) {
        com.stripe.param.billingportal.SessionCreateParams.Builder params =
                com.stripe.param.billingportal.SessionCreateParams.builder()
                        .setCustomer(customer.value())
                        .setReturnUrl(returnUrl.toString());
        configuration.map(PortalConfigurationId::value).ifPresent(params::setConfiguration);
        flow.ifPresent(f -> params.setFlowData(flowData(f, returnUrl)));
        com.stripe.model.billingportal.Session session = call("createPortalSession",
                () -> stripe.v1().billingPortal().sessions().create(params.build()));
        LOG.info("Stripe portal session {} for {}{} (request {})", session.getId(), customer,
                flow.map(f -> " on " + f.type().wireName()).orElse(""), requestId(session));
        return new PortalSession(session.getId(), URI.create(session.getUrl()));
    }

    /** The flow as Stripe takes it; once its step is done the portal returns to the application. */
    private static com.stripe.param.billingportal.SessionCreateParams.FlowData flowData(PortalFlow flow,
            URI returnUrl) {
        com.stripe.param.billingportal.SessionCreateParams.FlowData.Builder data =
                com.stripe.param.billingportal.SessionCreateParams.FlowData.builder()
                        .setAfterCompletion(com.stripe.param.billingportal.SessionCreateParams.FlowData
                                .AfterCompletion.builder()
                                .setType(com.stripe.param.billingportal.SessionCreateParams.FlowData.AfterCompletion
                                        .Type.REDIRECT)
                                .setRedirect(com.stripe.param.billingportal.SessionCreateParams.FlowData
                                        .AfterCompletion.Redirect.builder().setReturnUrl(returnUrl.toString())
                                        .build()).build());
        String subscription = flow.subscription().map(SubscriptionId::value).orElse(null);
        switch (flow.type()) {
            case PAYMENT_METHOD_UPDATE -> data.setType(
                    com.stripe.param.billingportal.SessionCreateParams.FlowData.Type.PAYMENT_METHOD_UPDATE);
            case SUBSCRIPTION_CANCEL -> data.setType(
                    com.stripe.param.billingportal.SessionCreateParams.FlowData.Type.SUBSCRIPTION_CANCEL)
                    .setSubscriptionCancel(com.stripe.param.billingportal.SessionCreateParams.FlowData
                            .SubscriptionCancel.builder().setSubscription(subscription).build());
            case SUBSCRIPTION_UPDATE -> data.setType(
                    com.stripe.param.billingportal.SessionCreateParams.FlowData.Type.SUBSCRIPTION_UPDATE)
                    .setSubscriptionUpdate(com.stripe.param.billingportal.SessionCreateParams.FlowData
                            .SubscriptionUpdate.builder().setSubscription(subscription).build());
        }
        return data.build();
    }

    @Override
    public Optional<FoundPortalConfiguration> findPortalConfiguration(OwnerType ownerType) {
        StripeCollection<Configuration> page = call("findPortalConfiguration", () -> stripe.v1().billingPortal()
                .configurations().list(ConfigurationListParams.builder().setActive(true).setLimit(100L).build()));
        return StripeMapping.all("findPortalConfiguration", page).stream()
                .filter(c -> ownerType.wireName().equals(StripeMapping.metadata(c.getMetadata())
                        .get(PortalConfigurationSpec.OWNER_TYPE_METADATA)))
                .min(Comparator.comparing(Configuration::getCreated, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Configuration::getId))
                .map(c -> new FoundPortalConfiguration(new PortalConfigurationId(c.getId()), Optional.ofNullable(
                        StripeMapping.metadata(c.getMetadata()).get(PortalConfigurationSpec.FINGERPRINT_METADATA))));
    }

    @Override
    public PortalConfigurationId savePortalConfiguration(PortalConfigurationSpec spec,
            Optional<PortalConfigurationId> existing, IdempotencyKey idempotencyKey) {
        Map<String, String> metadata = Map.of(PortalConfigurationSpec.OWNER_TYPE_METADATA, spec.ownerType().wireName(),
                PortalConfigurationSpec.FINGERPRINT_METADATA, spec.fingerprint());
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(idempotencyKey.value()).build();
        Configuration saved;
        if (existing.isPresent()) {
            saved = call("savePortalConfiguration", () -> stripe.v1().billingPortal().configurations().update(
                    existing.get().value(), PortalConfigurations.update(spec, metadata), options));
        } else {
            saved = call("savePortalConfiguration", () -> stripe.v1().billingPortal().configurations().create(
                    PortalConfigurations.create(spec, metadata), options));
        }
        LOG.info("Stripe portal configuration {} for {} owners saved (request {})", saved.getId(),
                spec.ownerType().wireName(), requestId(saved));
        return new PortalConfigurationId(saved.getId());
    }

    @Override
    public void cancelSubscriptionAtPeriodEnd(SubscriptionId subscription, Optional<CancellationReason> reason,
            IdempotencyKey idempotencyKey) {
        SubscriptionUpdateParams.Builder params = SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true);
        reason.ifPresent(r -> params.setCancellationDetails(updateDetails(r)));
        Subscription updated = call("cancelSubscriptionAtPeriodEnd", () -> stripe.v1().subscriptions().update(
                subscription.value(), params.build(), idempotent(idempotencyKey)));
        LOG.info("Stripe subscription {} cancels at period end (request {})", subscription, requestId(updated));
    }

    @Override
    public void cancelSubscriptionNow(SubscriptionId subscription, Optional<CancellationReason> reason,
            IdempotencyKey idempotencyKey) {
        SubscriptionCancelParams.Builder params = SubscriptionCancelParams.builder();
        reason.ifPresent(r -> {
            SubscriptionCancelParams.CancellationDetails.Builder details =
                    SubscriptionCancelParams.CancellationDetails.builder();
            r.feedback().ifPresentOrElse(f -> details.setFeedback(
                    SubscriptionCancelParams.CancellationDetails.Feedback.valueOf(f.toUpperCase(Locale.ROOT))),
                    () -> details.setComment(r.text()));
            params.setCancellationDetails(details.build());
        });
        Subscription canceled = call("cancelSubscriptionNow", () -> stripe.v1().subscriptions().cancel(
                subscription.value(), params.build(), idempotent(idempotencyKey)));
        LOG.info("Canceled Stripe subscription {} (request {})", subscription, requestId(canceled));
    }

    private static SubscriptionUpdateParams.CancellationDetails updateDetails(CancellationReason reason) {
        SubscriptionUpdateParams.CancellationDetails.Builder details =
                SubscriptionUpdateParams.CancellationDetails.builder();
        reason.feedback().ifPresentOrElse(f -> details.setFeedback(
                SubscriptionUpdateParams.CancellationDetails.Feedback.valueOf(f.toUpperCase(Locale.ROOT))),
                () -> details.setComment(reason.text()));
        return details.build();
    }

    @Override
    public void withdrawCancellation(SubscriptionId subscription, IdempotencyKey idempotencyKey) {
        Subscription current = call("withdrawCancellation", () -> stripe.v1().subscriptions()
                .retrieve(subscription.value()));
        SubscriptionUpdateParams.Builder params = SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(false);
        if (current.getCancelAt() != null && !Boolean.TRUE.equals(current.getCancelAtPeriodEnd())) {
            params.setCancelAt(EmptyParam.EMPTY);
        }
        Subscription updated = call("withdrawCancellation", () -> stripe.v1().subscriptions().update(
                subscription.value(), params.build(), idempotent(idempotencyKey)));
        LOG.info("Stripe subscription {} no longer cancels (request {})", subscription, requestId(updated));
    }

    @Override
    public void resumePausedSubscription(SubscriptionId subscription, IdempotencyKey idempotencyKey) {
        Subscription resumed = call("resumePausedSubscription", () -> stripe.v1().subscriptions().resume(
                subscription.value(), SubscriptionResumeParams.builder()
                        .setBillingCycleAnchor(SubscriptionResumeParams.BillingCycleAnchor.NOW).build(),
                idempotent(idempotencyKey)));
        LOG.info("Resumed Stripe subscription {}: {} (request {})", subscription, resumed.getStatus(),
                requestId(resumed));
    }

    private static RequestOptions idempotent(IdempotencyKey key) {
        return RequestOptions.builder().setIdempotencyKey(Objects.requireNonNull(key, "idempotencyKey").value()).build();
    }

    @Override
    public BillingSnapshot fetchSnapshot(CustomerId customer, Instant now) {
        return snapshots.fetch(customer, now);
    }

    @Override
    public void updateSubscriptionQuantity(SubscriptionId subscription, SubscriptionItemId item, long quantity,
            IdempotencyKey idempotencyKey) {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative");
        }
        Subscription updated = call("updateSubscriptionQuantity", () -> stripe.v1().subscriptions().update(
                subscription.value(), SubscriptionUpdateParams.builder().addItem(SubscriptionUpdateParams.Item.builder()
                        .setId(item.value()).setQuantity(quantity).build()).build(),
                RequestOptions.builder().setIdempotencyKey(idempotencyKey.value()).build()));
        LOG.info("Stripe subscription {} item {} quantity set to {} (request {})", subscription, item, quantity,
                requestId(updated));
    }

    @Override
    public ProrationPreview previewPlanChange(CustomerId customer, SubscriptionId subscription,
            SubscriptionItemId item, PriceId price, long quantity, ProrationBehavior proration,
            Optional<Instant> prorationDate) {
        return planChanges.preview(Objects.requireNonNull(customer, "customer"),
                Objects.requireNonNull(subscription, "subscription"), Objects.requireNonNull(item, "item"),
                Objects.requireNonNull(price, "price"), quantity, Objects.requireNonNull(proration, "proration"),
                Objects.requireNonNull(prorationDate, "prorationDate"));
    }

    @Override
    public void changePlan(SubscriptionId subscription, SubscriptionItemId item, PriceId price, long quantity,
            ProrationBehavior proration, Optional<Instant> prorationDate, IdempotencyKey idempotencyKey) {
        planChanges.changeNow(Objects.requireNonNull(subscription, "subscription"),
                Objects.requireNonNull(item, "item"), Objects.requireNonNull(price, "price"), quantity,
                Objects.requireNonNull(proration, "proration"), Objects.requireNonNull(prorationDate,
                        "prorationDate"), Objects.requireNonNull(idempotencyKey, "idempotencyKey"));
    }

    @Override
    public Instant schedulePlanChange(SubscriptionId subscription, PriceId price, long quantity,
            IdempotencyKey idempotencyKey) {
        return planChanges.schedule(Objects.requireNonNull(subscription, "subscription"),
                Objects.requireNonNull(price, "price"), quantity,
                Objects.requireNonNull(idempotencyKey, "idempotencyKey"));
    }

    @Override
    public boolean withdrawScheduledChange(SubscriptionId subscription, IdempotencyKey idempotencyKey) {
        return planChanges.withdraw(Objects.requireNonNull(subscription, "subscription"),
                Objects.requireNonNull(idempotencyKey, "idempotencyKey"));
    }

    static String requestId(com.stripe.model.StripeObject object) {
        return object.getLastResponse() == null ? null : object.getLastResponse().requestId();
    }
}

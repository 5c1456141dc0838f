package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, stateful emulator of the parts of Stripe's API that Billing Bridge uses, with hosted Checkout and
 * portal pages, signed webhooks and test controls; point stripe-java at {@link #baseUrl()}.
 *
 * <p>Not a security boundary: it is for tests and demos, binds loopback by default, and its
 * {@code /_sandbox/} controls need no key.
 */
public final class StripeEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StripeEmulator.class);

    static {
        // The JDK server writes headers and body separately; with Nagle on, every keep-alive response then waits
        // for the client's delayed ACK (about 40 ms on Linux loopback). The property is read once, when the first
        // HttpServer of the JVM is created, so it only takes effect if this class is loaded before that.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /**
     * A webhook endpoint the emulator sends events to.
     *
     * @param id the {@code we_...} id
     * @param url where events are POSTed
     * @param secret the signing secret
     */
    public record RegisteredWebhookEndpoint(String id, String url, String secret) {
    }

    /**
     * What seeding one product created.
     *
     * @param productId the {@code prod_...} id
     * @param priceIds the {@code price_...} ids, in the order the prices were given
     */
    public record SeededProduct(String productId, List<String> priceIds) {
    }

    private final StripeEmulatorConfig config;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ObjectStore store = new ObjectStore();
    private final SandboxClock clock;
    private final WebhookDispatcher dispatcher;
    private final FaultInjector faults = new FaultInjector();
    private final IdempotencyLayer idempotency = new IdempotencyLayer();
    private final EmulatorContext ctx;
    private final BillingEngine engine;
    private final EventResource eventResource;
    private final EntitlementSummaries entitlementSummaries;
    private final ApiHandler api;
    private final HostedPages pages;
    private final SandboxControls controls;
    private final String baseUrl;
    private final AtomicLong apiRequests = new AtomicLong();

    private StripeEmulator(StripeEmulatorConfig config) throws IOException {
        this.config = config;
        this.clock = new SandboxClock(config.clock());
        this.dispatcher = new WebhookDispatcher(config.webhookRetry(), Clock.systemUTC());
        this.ctx = new EmulatorContext(store, clock, new EventLog(store, clock, dispatcher));
        this.engine = new BillingEngine(ctx);
        Router router = new Router();
        new CustomerResource(ctx, engine, faults).register(router);
        CatalogResource catalog = new CatalogResource(ctx);
        catalog.register(router);
        this.entitlementSummaries = new EntitlementSummaries(ctx, catalog);
        ctx.onSubscriptionsChanged(entitlementSummaries::check);
        DiscountResource discounts = new DiscountResource(ctx);
        discounts.register(router);
        new CheckoutResource(ctx, discounts).register(router);
        new PortalResource(ctx).register(router);
        SubscriptionResource subscriptions = new SubscriptionResource(ctx, engine);
        subscriptions.register(router);
        ScheduleResource schedules = new ScheduleResource(ctx, engine);
        schedules.register(router);
        engine.schedules(schedules);
        new PaymentResources(ctx, engine).register(router);
        new MeterResource(ctx).register(router);
        new CreditGrantResource(ctx).register(router);
        this.eventResource = new EventResource(ctx);
        eventResource.register(router);
        this.api = new ApiHandler(router, store, idempotency, faults, config.secretKeys());
        this.pages = new HostedPages(ctx, engine, subscriptions, dispatcher, discounts);
        this.controls = new SandboxControls(ctx, engine, faults, dispatcher, idempotency, this::reset);
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(config.threads(), config.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), r -> {
                    Thread thread = new Thread(r, "stripe-emulator-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()),
                256);
        server.createContext("/", this::dispatch);
        server.setExecutor(executor);
        server.start();
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        this.baseUrl = "http://" + host + ":" + server.getAddress().getPort();
        ctx.baseUrl(baseUrl);
        seedFromConfig();
    }

    /** Starts an emulator; it serves until {@link #close()}. */
    public static StripeEmulator start(StripeEmulatorConfig config) {
        try {
            StripeEmulator emulator = new StripeEmulator(config);
            LOG.info("Stripe emulator listening on {}", emulator.baseUrl());
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Stripe emulator on " + config.host() + ":"
                    + config.port(), e);
        }
    }

    /** Where to point stripe-java ({@code setApiBase}), such as {@code http://127.0.0.1:12111}. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** How many requests reached the API under {@code /v1} so far (test controls and hosted pages not counted). */
    public long apiRequestCount() {
        return apiRequests.get();
    }

    /** The emulator's current time in Unix seconds (the configured clock plus any advance). */
    public long now() {
        return clock.now();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String requestId = Ids.requestId();
        exchange.getResponseHeaders().set("Request-Id", requestId);
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/v1") || path.startsWith("/v1/")) {
                apiRequests.incrementAndGet();
                api.handle(exchange, requestId);
            } else if (path.startsWith("/_sandbox/")) {
                controls.handle(exchange, requestId);
            } else if (path.startsWith("/checkout/") || path.startsWith("/billing-portal/")
                    || path.startsWith("/invoices/")) {
                pages.handle(exchange);
            } else {
                HttpIo.body(exchange);
                HttpIo.json(exchange, 404, Json.compact(StripeApiException.unrecognizedUrl(
                        exchange.getRequestMethod(), path).body(requestId)));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Request {} failed: {}", requestId, e.toString());
            throw e;
        } finally {
            exchange.close();
        }
    }

    /** Registers a webhook endpoint with a known secret, as the configuration does at start. */
    public RegisteredWebhookEndpoint addWebhookEndpoint(String url, String secret) {
        return addWebhookEndpoint(new StripeEmulatorConfig.WebhookEndpoint(url, secret));
    }

    public RegisteredWebhookEndpoint addWebhookEndpoint(StripeEmulatorConfig.WebhookEndpoint endpoint) {
        ArrayNode events = Json.array();
        endpoint.enabledEvents().forEach(events::add);
        ObjectNode created = store.atomically(() -> eventResource.register(endpoint.url(), endpoint.secret(), events));
        return new RegisteredWebhookEndpoint(created.get("id").asText(), endpoint.url(), endpoint.secret());
    }

    /** Creates a product with its prices and features through the API's own validation. */
    public SeededProduct seed(StripeEmulatorConfig.SeedProduct product) {
        StringBuilder form = new StringBuilder("name=").append(enc(product.name()));
        if (product.description() != null) {
            form.append("&description=").append(enc(product.description()));
        }
        appendMetadata(form, "metadata", product.metadata());
        String productId = api.call("POST", "/v1/products", form.toString()).get("id").asText();
        List<String> priceIds = new ArrayList<>();
        for (StripeEmulatorConfig.SeedPrice price : product.prices()) {
            StringBuilder priceForm = new StringBuilder("product=").append(enc(productId))
                    .append("&currency=").append(enc(price.currency()))
                    .append("&unit_amount=").append(price.unitAmount());
            if (price.interval() != null) {
                priceForm.append("&recurring[interval]=").append(enc(price.interval()));
            }
            if (price.lookupKey() != null) {
                priceForm.append("&lookup_key=").append(enc(price.lookupKey())).append("&transfer_lookup_key=true");
            }
            appendMetadata(priceForm, "metadata", price.metadata());
            priceIds.add(api.call("POST", "/v1/prices", priceForm.toString()).get("id").asText());
        }
        if (!priceIds.isEmpty()) {
            api.call("POST", "/v1/products/" + productId, "default_price=" + enc(priceIds.get(0)));
        }
        for (String lookupKey : product.featureLookupKeys()) {
            JsonNode existing = api.call("GET", "/v1/entitlements/features", "lookup_key=" + enc(lookupKey))
                    .get("data");
            String featureId = existing.size() > 0 ? existing.get(0).get("id").asText()
                    : api.call("POST", "/v1/entitlements/features", "name=" + enc(lookupKey) + "&lookup_key="
                            + enc(lookupKey)).get("id").asText();
            api.call("POST", "/v1/products/" + productId + "/features", "entitlement_feature=" + enc(featureId));
        }
        return new SeededProduct(productId, List.copyOf(priceIds));
    }

    private static void appendMetadata(StringBuilder form, String name, Map<String, String> metadata) {
        metadata.forEach((k, v) -> form.append('&').append(name).append('[').append(enc(k)).append("]=")
                .append(enc(v)));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void seedFromConfig() {
        config.webhookEndpoints().forEach(this::addWebhookEndpoint);
        config.seedProducts().forEach(this::seed);
    }

    /**
     * Pays a Checkout Session with a test card, as the hosted page does (including waiting, at most 10 s, for
     * the {@code checkout.session.completed} webhook to be answered). A null card number completes a session
     * that needs no payment method ({@code payment_method_collection=if_required} with a trial).
     *
     * @return the success URL to redirect to, with {@code {CHECKOUT_SESSION_ID}} replaced (null when none)
     * @throws IllegalStateException when the card is declined or the session is not open
     */
    public String completeCheckout(String sessionId, String cardNumber) {
        try {
            TestCard card = cardNumber == null ? null : TestCard.of(cardNumber);
            BillingEngine.CheckoutResult result = store.atomically(() -> engine.completeCheckout(store.get(
                    "checkout.session", sessionId, "checkout.session", "session"), card, null, null, Origin.AUTOMATIC));
            dispatcher.awaitFirstAttempt(result.completedEventId(), HostedPages.CHECKOUT_WEBHOOK_WAIT);
            return result.redirectUrl();
        } catch (StripeApiException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Moves the clock forward, running renewals, trial ends, scheduled cancellations and session expiry. */
    public void advanceClock(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        store.atomically(() -> engine.advance(duration.getSeconds()));
    }

    /** Makes the next {@code count} API requests fail with {@code status} (500, 503 or 429). */
    public void failNextRequests(int count, int status) {
        faults.failNext(count, status);
    }

    /**
     * Makes the next {@code count} API requests with this method whose whole path matches {@code pathRegex} fail with
     * {@code status} (500, 503 or 429), leaving other requests alone: aims a fault at one step of a flow.
     */
    public void failNextRequestsTo(String method, String pathRegex, int count, int status) {
        faults.failNextTo(method, pathRegex, count, status);
    }

    /** Delays the next {@code count} API requests (0 = all until {@link #clearFaults()}). */
    public void addLatency(Duration latency, int count) {
        faults.latency(latency.toMillis(), count);
    }

    /**
     * Lets the next {@code count} writes (POST, DELETE) run and store their result, idempotency record included,
     * then answers {@code status} (500 or 503) instead of their response: the write happened, the client cannot
     * know. Replays of an idempotency key count as writes too.
     */
    public void failNextAfterWrite(int count, int status) {
        faults.failNextAfterWrite(count, status);
    }

    /**
     * Lets the next {@code count} writes run and store their result, then closes the connection without any
     * response, as a peer that dies after doing the work. Failures of {@link #failNextAfterWrite} are used first.
     */
    public void dropNextAfterWrite(int count) {
        faults.dropNextAfterWrite(count);
    }

    /** Faults after the write not used yet: lets a test check how many writes its call made. */
    public int afterWriteFaultsLeft() {
        return faults.afterWriteLeft();
    }

    /**
     * Keeps customers created from now on out of {@code /v1/customers/search} for {@code lag}, as Stripe's search
     * index lags writes (up to a minute, Stripe says); retrieve and list see them at once.
     */
    public void searchLag(Duration lag) {
        faults.searchLag(lag.toMillis());
    }

    /** Ends every fault and latency (held requests then run at once) and the search lag. */
    public void clearFaults() {
        faults.reset();
    }

    /** Deliveries so far, in the order events were queued. */
    public List<WebhookDelivery> webhookDeliveries() {
        return dispatcher.deliveries();
    }

    /**
     * How many live objects of a type (such as {@code billing_portal.session}, which Stripe's API cannot list) the
     * emulator holds for a customer: lets tests count what each write made.
     */
    public int objectCount(String objectType, String customerId) {
        return store.atomically(() -> store.all(objectType, o -> customerId.equals(o.path("customer").asText()))
                .size());
    }

    /** Idempotent requests currently executing; lets tests line up concurrent requests deterministically. */
    public int idempotentRequestsInFlight() {
        return idempotency.inFlight();
    }

    /** Forgets all state, the clock offset, faults and deliveries, then seeds again from the configuration. */
    public void reset() {
        dispatcher.reset();
        store.atomically(() -> {
            store.clear();
            ctx.meters.clear();
            entitlementSummaries.reset();
        });
        clock.reset();
        faults.reset();
        idempotency.reset();
        seedFromConfig();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        dispatcher.close();
        LOG.info("Stripe emulator on {} stopped", baseUrl);
    }
}

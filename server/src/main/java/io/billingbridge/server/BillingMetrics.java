package io.billingbridge.server;

import com.codahale.metrics.MetricRegistry;
import io.billingbridge.core.admin.OverviewFigures;
import io.billingbridge.core.admin.Overviews;
import io.billingbridge.core.signal.BillingSignals;
import io.billingbridge.core.webhook.WebhookSource;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing signals as Prometheus series, in one registry with the Dropwizard metrics (bridged): what the admin
 * connector serves at {@code /metrics/prometheus}.
 *
 * <p>The billing series are Prometheus-native rather than Dropwizard metrics because they carry labels (kind, reason,
 * source, type, endpoint, outcome), which Dropwizard names cannot; every label value is a closed vocabulary, never an
 * id, email or token. The ledger gauges count the database when scraped, at most once per {@link #LEDGER_CACHE}.
 */
final class BillingMetrics implements BillingSignals {
    private static final Logger LOG = LoggerFactory.getLogger(BillingMetrics.class);
    /** How long one count of the ledger answers scrapes, so frequent scrapes cost the database one query. */
    static final Duration LEDGER_CACHE = Duration.ofSeconds(5);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Clock clock;
    private final Counter sessionsStarted;
    private final Counter sessionsRefused;
    private final Counter webhooksReceived;
    private final Counter webhooksRefused;
    private final Counter webhooksProcessed;
    private final Counter webhooksFailed;
    private final Counter stripeRequests;
    private final Histogram stripeDuration;
    private final Counter rateLimited;
    private final Counter ownerReads;
    private final Histogram snapshotAge;
    private final Object ledgerLock = new Object();
    private OverviewFigures ledgerFigures;
    private Instant ledgerCountedAt = Instant.MIN;

    /** The registry with the Dropwizard metrics bridged in and the billing series registered. */
    BillingMetrics(MetricRegistry dropwizard, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        DropwizardExports.builder().dropwizardRegistry(dropwizard).register(registry);
        sessionsStarted = Counter.builder().name("billing_sessions_started")
                .help("Checkout and portal sessions created, by kind.").labelNames("kind").register(registry);
        sessionsRefused = Counter.builder().name("billing_sessions_refused")
                .help("Checkout and portal sessions not created, by kind and error code.")
                .labelNames("kind", "reason").register(registry);
        webhooksReceived = Counter.builder().name("billing_webhook_events_received")
                .help("Verified webhook events received, by source, event type and outcome (recorded or duplicate).")
                .labelNames("source", "type", "outcome").register(registry);
        webhooksRefused = Counter.builder().name("billing_webhook_deliveries_refused")
                .help("Webhook deliveries refused before recording (signature, payload), by source and error code.")
                .labelNames("source", "reason").register(registry);
        webhooksProcessed = Counter.builder().name("billing_webhook_events_processed")
                .help("Webhook events processed by the worker, by source and event type.")
                .labelNames("source", "type").register(registry);
        webhooksFailed = Counter.builder().name("billing_webhook_events_failed")
                .help("Webhook event processing attempts that failed (retried later), by source, type and reason.")
                .labelNames("source", "type", "reason").register(registry);
        stripeRequests = Counter.builder().name("billing_stripe_requests")
                .help("HTTP attempts to Stripe, by method, endpoint template and outcome.")
                .labelNames("method", "endpoint", "outcome").register(registry);
        stripeDuration = Histogram.builder().name("billing_stripe_request_duration_seconds")
                .help("How long answered or failed HTTP attempts to Stripe took, by method and endpoint template.")
                .classicOnly().classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .labelNames("method", "endpoint").register(registry);
        rateLimited = Counter.builder().name("billing_session_rate_limited")
                .help("Session starts refused by the per-user session rate limit.").register(registry);
        ownerReads = Counter.builder().name("billing_owner_reads")
                .help("Owners' accounts and snapshots read for billing reads, by where from (memory or database).")
                .labelNames("source").register(registry);
        snapshotAge = Histogram.builder().name("billing_snapshot_served_age_seconds")
                .help("Age of the billing snapshots served to reads, by freshness (fresh or stale).")
                .classicOnly().classicUpperBounds(1, 10, 60, 300, 900, 3600, 21600, 86400)
                .labelNames("freshness").register(registry);
    }

    /** Adds the webhook ledger gauges, counted through {@code overviews} when scraped (cached). */
    BillingMetrics withLedger(Overviews overviews) {
        Objects.requireNonNull(overviews, "overviews");
        ledgerGauge("billing_ledger_pending_events", "Webhook events waiting for their first processing attempt.",
                overviews, (figures, callback) -> callback.call(figures.pendingEvents()));
        ledgerGauge("billing_ledger_failed_events", "Webhook events whose last attempt failed, waiting for a retry.",
                overviews, (figures, callback) -> callback.call(figures.failedEvents()));
        ledgerGauge("billing_ledger_oldest_pending_age_seconds",
                "Age of the oldest webhook event not tried yet; 0 when none waits.", overviews,
                (figures, callback) -> callback.call(figures.oldestPendingReceivedAt()
                        .map(at -> Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0))
                        .orElse(0.0)));
        return this;
    }

    /** Exports whether billing reads are served from memory (1) or all go to the database (0). */
    BillingMetrics withReadCache(java.util.function.BooleanSupplier serving) {
        GaugeWithCallback.builder().name("billing_read_cache_serving")
                .help("1 while billing reads may be served from memory (the owner change feed is live), else 0.")
                .callback(gauge -> gauge.call(serving.getAsBoolean() ? 1 : 0)).register(registry);
        return this;
    }

    /** Exports how many delivery checks (`ping:` notifications) this replica's owner change feed heard. */
    BillingMetrics withOwnerFeed(java.util.function.LongSupplier pingsHeard) {
        GaugeWithCallback.builder().name("billing_owner_feed_pings_heard")
                .help("Delivery checks (notifications 'ping:...' on channel billing_owner) this replica's owner change "
                        + "feed heard since it started: its own on each connect, and any sent with pg_notify.")
                .callback(gauge -> gauge.call(pingsHeard.getAsLong())).register(registry);
        return this;
    }

    private interface LedgerReading {
        void read(OverviewFigures figures, GaugeWithCallback.Callback callback);
    }

    private void ledgerGauge(String name, String help, Overviews overviews, LedgerReading reading) {
        Consumer<GaugeWithCallback.Callback> callback = gauge -> {
            OverviewFigures figures = ledgerFigures(overviews);
            if (figures != null) {
                reading.read(figures, gauge);
            }
        };
        GaugeWithCallback.builder().name(name).help(help).callback(callback).register(registry);
    }

    /**
     * The ledger figures, counted again once the last count (or failure to count) is {@link #LEDGER_CACHE} old; null
     * when the last count failed, so the gauges are absent rather than wrong, and a database outage costs one try.
     */
    private OverviewFigures ledgerFigures(Overviews overviews) {
        synchronized (ledgerLock) {
            Instant now = clock.instant();
            if (!now.isBefore(ledgerCountedAt.plus(LEDGER_CACHE))) {
                ledgerCountedAt = now;
                try {
                    ledgerFigures = overviews.count();
                } catch (RuntimeException e) {
                    LOG.warn("could not count the webhook ledger for metrics ({})", e.getClass().getSimpleName());
                    ledgerFigures = null;
                }
            }
            return ledgerFigures;
        }
    }

    /** The registry the admin servlet exposes. */
    PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void sessionStarted(SessionKind kind) {
        sessionsStarted.labelValues(kind.wireName()).inc();
    }

    @Override
    public void sessionRefused(SessionKind kind, String reason) {
        sessionsRefused.labelValues(kind.wireName(), reason).inc();
    }

    @Override
    public void webhookReceived(WebhookSource source, String type, boolean fresh) {
        webhooksReceived.labelValues(source(source), type, fresh ? "recorded" : "duplicate").inc();
    }

    @Override
    public void webhookRefused(WebhookSource source, String reason) {
        webhooksRefused.labelValues(source(source), reason).inc();
    }

    @Override
    public void webhookProcessed(WebhookSource source, String type) {
        webhooksProcessed.labelValues(source(source), type).inc();
    }

    @Override
    public void webhookFailed(WebhookSource source, String type, String reason) {
        webhooksFailed.labelValues(source(source), type, reason).inc();
    }

    @Override
    public void stripeCall(String method, String endpoint, String outcome, double seconds) {
        stripeRequests.labelValues(method, endpoint, outcome).inc();
        if (!"budget_exhausted".equals(outcome)) {
            stripeDuration.labelValues(method, endpoint).observe(seconds);
        }
    }

    @Override
    public void rateLimited() {
        rateLimited.inc();
    }

    @Override
    public void ownerRead(boolean fromMemory) {
        ownerReads.labelValues(fromMemory ? "memory" : "database").inc();
    }

    @Override
    public void snapshotServed(Instant syncedAt, boolean stale) {
        double age = Math.max(0, Duration.between(syncedAt, clock.instant()).toMillis() / 1000.0);
        snapshotAge.labelValues(stale ? "stale" : "fresh").observe(age);
    }

    private static String source(WebhookSource source) {
        return source.name().toLowerCase(Locale.ROOT);
    }
}

package io.billingbridge.server;

import io.billingbridge.core.usage.UsageBacklog;
import io.billingbridge.core.usage.UsageSignals;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The usage signals as Prometheus series, and the outbox's backlog as gauges read at each scrape. */
final class UsageMetrics implements UsageSignals {
    private static final Logger LOG = LoggerFactory.getLogger(UsageMetrics.class);

    private final Counter accepted;
    private final Counter duplicates;
    private final Counter forwarded;
    private final Counter retried;
    private final Counter rejected;

    UsageMetrics(PrometheusRegistry registry, Supplier<UsageBacklog> backlog) {
        accepted = Counter.builder().name("billing_usage_accepted")
                .help("Usage events stored by POST /v1/usage, on their way to Stripe.").register(registry);
        duplicates = Counter.builder().name("billing_usage_duplicates")
                .help("Usage events dropped because their identifier was already stored.").register(registry);
        forwarded = Counter.builder().name("billing_usage_forwarded")
                .help("Usage events Stripe now has (sent, or found already sent).").register(registry);
        retried = Counter.builder().name("billing_usage_send_retries")
                .help("Usage events whose send failed (Stripe unavailable, rate-limited) and will be retried.")
                .register(registry);
        rejected = Counter.builder().name("billing_usage_rejected")
                .help("Usage events Stripe refused for good, which will not be billed, by Stripe's code.")
                .labelNames("code").register(registry);
        GaugeWithCallback.builder().name("billing_usage_backlog")
                .help("Stored usage events not yet with Stripe: pending (to send) and waiting (for a subscription).")
                .labelNames("state").callback(gauge -> {
                    try {
                        UsageBacklog now = backlog.get();
                        gauge.call(now.pending(), "pending");
                        gauge.call(now.waiting(), "waiting");
                    } catch (RuntimeException e) {
                        LOG.debug("usage backlog unavailable for metrics ({})", e.getClass().getSimpleName());
                    }
                }).register(registry);
    }

    @Override
    public void reported(int acceptedCount, int duplicateCount) {
        accepted.inc(acceptedCount);
        duplicates.inc(duplicateCount);
    }

    @Override
    public void forwarded(int count) {
        forwarded.inc(count);
    }

    @Override
    public void retried(int count) {
        retried.inc(count);
    }

    @Override
    public void rejected(String code) {
        rejected.labelValues(code).inc();
    }
}

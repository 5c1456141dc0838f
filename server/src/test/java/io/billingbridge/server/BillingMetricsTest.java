package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.billingbridge.core.admin.OverviewFigures;
import io.billingbridge.core.admin.Overviews;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BillingMetricsTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AtomicInteger counts = new AtomicInteger();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final Overviews overviews = () -> {
        counts.incrementAndGet();
        if (databaseDown.get()) {
            throw new IllegalStateException("database down");
        }
        return new OverviewFigures(0, 1, 0, 3, 2, Optional.of(NOW.minusSeconds(90)), Optional.empty());
    };
    private final BillingMetrics metrics = new BillingMetrics(new MetricRegistry(), clock).withLedger(overviews);

    private Optional<Double> gauge(String name) {
        for (MetricSnapshot snapshot : metrics.registry().scrape()) {
            if (snapshot.getMetadata().getPrometheusName().equals(name) && snapshot instanceof GaugeSnapshot gauge
                    && !gauge.getDataPoints().isEmpty()) {
                return Optional.of(gauge.getDataPoints().get(0).getValue());
            }
        }
        return Optional.empty();
    }

    @Test
    void theLedgerGaugesShowTheBacklogAndTheOldestPendingAge() {
        assertThat(gauge("billing_ledger_pending_events")).contains(3.0);
        assertThat(gauge("billing_ledger_failed_events")).contains(2.0);
        assertThat(gauge("billing_ledger_oldest_pending_age_seconds")).contains(90.0);
    }

    @Test
    void scrapesWithinTheCacheWindowCountTheLedgerOnce() {
        metrics.registry().scrape();
        metrics.registry().scrape();
        assertThat(counts).hasValue(1);

        now = NOW.plus(BillingMetrics.LEDGER_CACHE);
        metrics.registry().scrape();
        assertThat(counts).hasValue(2);
        assertThat(gauge("billing_ledger_oldest_pending_age_seconds")).contains(95.0);
    }

    @Test
    void aFailedCountLeavesTheGaugesAbsentAndIsNotRetriedWithinTheWindow() {
        databaseDown.set(true);
        assertThat(gauge("billing_ledger_pending_events")).isEmpty();
        metrics.registry().scrape();
        assertThat(counts).hasValue(1);

        databaseDown.set(false);
        now = NOW.plus(BillingMetrics.LEDGER_CACHE).plus(Duration.ofMillis(1));
        assertThat(gauge("billing_ledger_pending_events")).contains(3.0);
    }
}

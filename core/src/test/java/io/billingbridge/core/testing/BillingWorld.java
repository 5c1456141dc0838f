package io.billingbridge.core.testing;

import io.billingbridge.core.access.AccessPolicy;
import io.billingbridge.core.access.AccessRules;
import io.billingbridge.core.access.DefaultAccessPolicy;
import io.billingbridge.core.access.Guard;
import io.billingbridge.core.access.SessionRateLimit;
import io.billingbridge.core.account.DirectoryCustomerProfiles;
import io.billingbridge.core.account.EnsureCustomer;
import io.billingbridge.core.account.OrganizationEmail;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.catalog.Catalog;
import io.billingbridge.core.catalog.CatalogSettings;
import io.billingbridge.core.checkout.CheckoutGuardrails;
import io.billingbridge.core.checkout.CheckoutSettings;
import io.billingbridge.core.checkout.ConfiguredCheckoutPlan;
import io.billingbridge.core.checkout.CurrentSnapshot;
import io.billingbridge.core.checkout.StartCheckout;
import io.billingbridge.core.checkout.UrlPolicy;
import io.billingbridge.core.portal.OpenBillingPortal;
import io.billingbridge.core.snapshot.GetBillingSnapshot;
import io.billingbridge.core.snapshot.SyncSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The core use cases wired to in-memory fakes, as the server wires them to real adapters. */
public final class BillingWorld {
    public final Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    public final InMemorySnapshots snapshots = new InMemorySnapshots();
    public final InMemoryBillingAccounts accounts = new InMemoryBillingAccounts(snapshots::forget);
    public final InMemoryOwnerSnapshots owners = new InMemoryOwnerSnapshots(accounts, snapshots);
    public final FakePaymentProvider payments = new FakePaymentProvider();
    public final FakeDirectory directory = new FakeDirectory();
    public final RecordingAuditLog audit = new RecordingAuditLog();
    public final AccessPolicy policy = new DefaultAccessPolicy(AccessRules.defaults());
    public final Auditor auditor = new Auditor(audit, clock);
    public final RecordingSignals signals = new RecordingSignals();
    public final Guard guard = new Guard(policy, accounts, auditor);
    public final EnsureCustomer ensureCustomer = new EnsureCustomer(accounts, payments,
            new DirectoryCustomerProfiles(directory, OrganizationEmail.FIRST_ADMIN), clock);
    public final Catalog catalog = new Catalog(payments, CatalogSettings.defaults(), clock);
    public final UrlPolicy urls = new UrlPolicy(Set.of("https://app.example.com"));
    /** Runs the syncs that reads wait for at most a bounded time, as the server's background pool does. */
    public final ExecutorService background = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "test-background-sync");
        thread.setDaemon(true);
        return thread;
    });
    public final SyncSnapshot sync = new SyncSnapshot(payments, snapshots, List.of(), clock, background);
    public final GetBillingSnapshot reads = new GetBillingSnapshot(guard, owners, sync,
            Duration.ofSeconds(1), Duration.ofSeconds(5), signals);

    public StartCheckout startCheckout(CheckoutSettings settings, int burst) {
        return startCheckout(settings, CheckoutGuardrails.defaults(), burst);
    }

    public StartCheckout startCheckout(CheckoutSettings settings, CheckoutGuardrails guardrails, int burst) {
        return new StartCheckout(guard, catalog, new ConfiguredCheckoutPlan(settings, directory), urls, ensureCustomer,
                payments, new SessionRateLimit(burst, Duration.ofMinutes(1), clock, signals), auditor, signals,
                guardrails, new CurrentSnapshot(snapshots, sync, Duration.ofSeconds(1)), clock);
    }

    public OpenBillingPortal openPortal() {
        return new OpenBillingPortal(guard, urls, ensureCustomer, payments,
                new SessionRateLimit(10, Duration.ofMinutes(1), clock, signals), auditor, Optional.empty(),
                signals);
    }
}

package io.billingbridge.server;

import io.billingbridge.core.access.AccessPolicy;
import io.billingbridge.core.access.DefaultAccessPolicy;
import io.billingbridge.core.access.Guard;
import io.billingbridge.core.access.SessionRateLimit;
import io.billingbridge.core.account.BackfillCustomers;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerProfiles;
import io.billingbridge.core.account.DirectoryCustomerProfiles;
import io.billingbridge.core.account.EnsureCustomer;
import io.billingbridge.core.account.HandleOwnerDeleted;
import io.billingbridge.core.account.SyncCustomerProfile;
import io.billingbridge.core.admin.AuthenticateAdmin;
import io.billingbridge.core.admin.DescribeCaller;
import io.billingbridge.core.admin.InspectAccount;
import io.billingbridge.core.admin.ListAppEvents;
import io.billingbridge.core.admin.ListWebhookEvents;
import io.billingbridge.core.admin.PushCustomerProfile;
import io.billingbridge.core.admin.ReadAuditLog;
import io.billingbridge.core.admin.ReadOwnerAudit;
import io.billingbridge.core.admin.ReadOwnerEvents;
import io.billingbridge.core.admin.RefusalTally;
import io.billingbridge.core.admin.RelinkAccount;
import io.billingbridge.core.admin.ResyncAccount;
import io.billingbridge.core.admin.RetryAppEvent;
import io.billingbridge.core.admin.RetryWebhookEvent;
import io.billingbridge.core.admin.SearchAccounts;
import io.billingbridge.core.admin.ShowOverview;
import io.billingbridge.core.appkey.AuthenticateAppKey;
import io.billingbridge.core.appkey.DescribeAppKey;
import io.billingbridge.core.audit.AuditLog;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.catalog.Catalog;
import io.billingbridge.core.checkout.CheckoutPlan;
import io.billingbridge.core.checkout.ConfiguredCheckoutPlan;
import io.billingbridge.core.checkout.CurrentSnapshot;
import io.billingbridge.core.checkout.SeatCounter;
import io.billingbridge.core.checkout.StartCheckout;
import io.billingbridge.core.checkout.UrlPolicy;
import io.billingbridge.core.events.AppEvents;
import io.billingbridge.core.events.EventEndpoint;
import io.billingbridge.core.events.EventOutbox;
import io.billingbridge.core.events.RecordBillingEvents;
import io.billingbridge.core.events.RecordPaymentEvents;
import io.billingbridge.core.lifecycle.CancelSubscription;
import io.billingbridge.core.lifecycle.ChangePlan;
import io.billingbridge.core.lifecycle.LifecycleWrites;
import io.billingbridge.core.lifecycle.OwnedSubscriptions;
import io.billingbridge.core.lifecycle.PlanChangePolicy;
import io.billingbridge.core.lifecycle.PreviewPlanChange;
import io.billingbridge.core.lifecycle.ResumeSubscription;
import io.billingbridge.core.lifecycle.WithdrawScheduledChange;
import io.billingbridge.core.usage.GetUsage;
import io.billingbridge.core.portal.OpenBillingPortal;
import io.billingbridge.core.portal.PortalConfigurations;
import io.billingbridge.core.publish.PublishBillingToIdentity;
import io.billingbridge.core.seats.SyncSeats;
import io.billingbridge.core.signal.BillingSignals;
import io.billingbridge.core.snapshot.AccessStates;
import io.billingbridge.core.snapshot.CachedOwnerSnapshots;
import io.billingbridge.core.snapshot.GetBillingSnapshot;
import io.billingbridge.core.snapshot.ReconcileAccounts;
import io.billingbridge.core.snapshot.SnapshotListener;
import io.billingbridge.core.snapshot.Snapshots;
import io.billingbridge.core.snapshot.SyncAfterCheckout;
import io.billingbridge.core.snapshot.SyncSnapshot;
import io.billingbridge.core.webhook.ProcessWebhookEvent;
import io.billingbridge.core.webhook.ReceiveWebhook;
import io.billingbridge.core.webhook.WebhookLedger;
import io.billingbridge.core.webhook.WebhookWorker;
import io.billingbridge.db.JdbiAccountSearch;
import io.billingbridge.db.JdbiAdminTokens;
import io.billingbridge.db.JdbiAppKeys;
import io.billingbridge.db.JdbiAuditLog;
import io.billingbridge.db.JdbiBackfillCursors;
import io.billingbridge.db.JdbiBillingAccounts;
import io.billingbridge.db.JdbiEventOutbox;
import io.billingbridge.db.JdbiOverviews;
import io.billingbridge.db.JdbiSeatUpdateBudget;
import io.billingbridge.db.JdbiOwnerSnapshots;
import io.billingbridge.db.JdbiSnapshots;
import io.billingbridge.db.JdbiSubscriptionLocks;
import io.billingbridge.db.JdbiWebhookLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * Every use case, wired by hand from configuration, adapters and hooks: the whole object graph in one place.
 *
 * <p>Use cases that answer an HTTP request call Stripe through {@code adapters.requestPayments()} (each call
 * bounded by {@code stripe.requestTimeout}); background work (webhook worker, reconcile, snapshot syncs) through
 * {@code adapters.payments()} with the configured timeouts and retries.
 */
final class BillingServices {
    /** How long a read of an out-of-date snapshot waits for a fresh one before serving the stored one, stale. */
    private static final Duration FRESH_READ_WAIT = Duration.ofSeconds(1);
    /** Refused admin tokens and app keys write at most one audit row per reason per this window (per instance). */
    private static final Duration ADMIN_REFUSAL_WINDOW = Duration.ofSeconds(60);
    /** Threads that run snapshot syncs reads wait for (bounded); one chain of fetches per customer at a time. */
    private static final int SYNC_THREADS = 4;
    private static final int SYNC_QUEUE = 1_000;

    final Catalog catalog;
    final GetBillingSnapshot reads;
    final GetUsage usage;
    /** The owners billing reads are served from in memory while the change feed is live (never, in a command). */
    final CachedOwnerSnapshots ownerCache;
    final StartCheckout startCheckout;
    final SyncAfterCheckout afterCheckout;
    final OpenBillingPortal openPortal;
    final CancelSubscription cancelSubscription;
    final ResumeSubscription resumeSubscription;
    final ReceiveWebhook receiveWebhook;
    final WebhookWorker worker;
    final WebhookLedger ledger;
    final UrlPolicy urls;
    final AuditLog audit;
    final EnsureCustomer ensureCustomer;
    final BillingAccounts accounts;
    final AuthenticateAdmin authenticateAdmin;
    final AuthenticateAppKey authenticateAppKey;
    final DescribeAppKey describeAppKey;
    final InspectAccount inspectAccount;
    final ResyncAccount resyncAccount;
    final RelinkAccount relinkAccount;
    final ListWebhookEvents listWebhookEvents;
    final RetryWebhookEvent retryWebhookEvent;
    final ReadAuditLog readAuditLog;
    final DescribeCaller describeCaller;
    final ShowOverview showOverview;
    final ReadOwnerEvents readOwnerEvents;
    final ReadOwnerAudit readOwnerAudit;
    final PushCustomerProfile pushProfile;
    final SearchAccounts searchAccounts;
    final BackfillCustomers backfill;
    final ReconcileAccounts reconcile;
    final PreviewPlanChange previewPlanChange;
    final ChangePlan changePlan;
    final WithdrawScheduledChange withdrawScheduledChange;
    /** Events to the application's endpoints, recorded by billing changes and delivered by the server. */
    final EventOutbox eventOutbox;
    /** Records the events to the application other than {@code billing.updated}, e.g. {@code usage.rejected}. */
    final AppEvents appEvents;
    final ListAppEvents listAppEvents;
    final RetryAppEvent retryAppEvent;

    /**
     * The use cases for a command, which exports no metrics; billing changes it makes record events, which a
     * server delivers.
     */
    BillingServices(BillingSection billing, Adapters.Built adapters, Jdbi jdbi, Hooks hooks, Clock clock,
            Runnable wakeWorker, List<EventEndpoint> eventEndpoints) {
        this(billing, adapters, jdbi, hooks, clock, wakeWorker, BillingSignals.NONE, clock,
                new DatabaseSettings.ReadCache(), eventEndpoints, () -> { });
    }

    /**
     * The use cases, telling {@code signals} what they do.
     *
     * @param billingClock the time access states are computed at (grace periods end by it)
     * @param readCache the bounds of the owners kept in memory for billing reads
     * @param eventEndpoints the application's endpoints; each event is recorded for those subscribed to its type
     * @param wakeEvents asks the event delivery to run soon
     */
    BillingServices(BillingSection billing, Adapters.Built adapters, Jdbi jdbi, Hooks hooks, Clock clock,
            Runnable wakeWorker, BillingSignals signals, Clock billingClock, DatabaseSettings.ReadCache readCache,
            List<EventEndpoint> eventEndpoints, Runnable wakeEvents) {
        accounts = new JdbiBillingAccounts(jdbi);
        Snapshots snapshots = new JdbiSnapshots(jdbi);
        ledger = new JdbiWebhookLedger(jdbi);
        audit = new JdbiAuditLog(jdbi);
        Auditor auditor = new Auditor(audit, clock);

        AccessPolicy policy = hooks.accessPolicy().apply(new DefaultAccessPolicy(billing.accessRules()));
        Guard guard = new Guard(policy, accounts, auditor);
        CustomerProfiles profiles = hooks.customerProfiles()
                .apply(new DirectoryCustomerProfiles(adapters.directory(), billing.organizationEmail()));
        CheckoutPlan plan = hooks.checkoutPlan()
                .apply(new ConfiguredCheckoutPlan(billing.checkoutSettings(), adapters.directory()));
        urls = urlPolicy(billing);

        ownerCache = new CachedOwnerSnapshots(new JdbiOwnerSnapshots(jdbi), readCache.maxOwners(),
                readCache.maxAge(), clock, signals);
        List<SnapshotListener> listeners = new ArrayList<>(hooks.listeners());
        listeners.add(ownerCache);
        AccessStates accessStates = new AccessStates(billing.accessStateSettings());
        billing.publishToClerkKey().ifPresent(key -> listeners.add(new PublishBillingToIdentity(adapters.directory(), key,
                accessStates, billingClock)));
        eventOutbox = new JdbiEventOutbox(jdbi);
        RecordBillingEvents billingEvents = new RecordBillingEvents(eventOutbox, eventEndpoints, accessStates,
                billingClock, wakeEvents);
        if (billingEvents.anySubscriber()) {
            listeners.add(billingEvents);
        }
        appEvents = new AppEvents(eventOutbox, eventEndpoints, clock, wakeEvents);

        catalog = new Catalog(adapters.requestPayments(), billing.catalogSettings(), clock);
        ensureCustomer = new EnsureCustomer(accounts, adapters.payments(), profiles, clock);
        EnsureCustomer ensureCustomerInRequest = new EnsureCustomer(accounts, adapters.requestPayments(), profiles,
                clock);
        SyncSnapshot sync = new SyncSnapshot(adapters.payments(), snapshots, listeners, clock, syncPool());
        reads = new GetBillingSnapshot(guard, ownerCache, sync, FRESH_READ_WAIT,
                adapters.requestTimeout(), signals, accessStates, billingClock);
        usage = new GetUsage(reads, adapters.requestMeters(), GetUsage.DEFAULT_MAX_AGE, GetUsage.DEFAULT_MAX_ENTRIES,
                clock);
        SessionRateLimit rateLimit = new SessionRateLimit(billing.sessionBurst(), billing.sessionRefillEvery(), clock,
                signals);
        OwnedSubscriptions owned = new OwnedSubscriptions(guard, snapshots, sync, rateLimit, auditor,
                adapters.requestTimeout());
        startCheckout = new StartCheckout(guard, catalog, plan, urls, ensureCustomerInRequest,
                adapters.requestPayments(), rateLimit, auditor, signals, billing.checkoutGuardrails(),
                new CurrentSnapshot(snapshots, sync, adapters.requestTimeout()), clock);
        openPortal = new OpenBillingPortal(guard, urls, ensureCustomerInRequest, adapters.requestPayments(), rateLimit,
                auditor, new PortalConfigurations(adapters.requestPayments(), catalog, billing.portalConfigurations()),
                owned, signals);
        // Every lifecycle write on a subscription (change, withdraw, cancel, resume) holds its lease in PostgreSQL.
        LifecycleWrites lifecycleWrites = new LifecycleWrites(new JdbiSubscriptionLocks(jdbi),
                LifecycleWrites.DEFAULT_LEASE);
        cancelSubscription = new CancelSubscription(owned, adapters.requestPayments(), reads, auditor,
                lifecycleWrites);
        resumeSubscription = new ResumeSubscription(owned, adapters.requestPayments(), reads, auditor,
                lifecycleWrites);
        afterCheckout = new SyncAfterCheckout(guard, accounts, adapters.requestPayments(), reads, rateLimit);
        PlanChangePolicy planChanges = billing.planChangePolicy();
        previewPlanChange = new PreviewPlanChange(owned, catalog, plan, planChanges,
                adapters.requestPayments(), auditor);
        changePlan = new ChangePlan(owned, catalog, plan, planChanges, adapters.requestPayments(),
                lifecycleWrites, reads, auditor);
        withdrawScheduledChange = new WithdrawScheduledChange(owned, adapters.requestPayments(),
                lifecycleWrites, reads, auditor);

        SyncSeats seats = new SyncSeats(accounts, new SeatCounter(adapters.directory()), adapters.payments(),
                sync, billing.defaultQuantityRule(), new JdbiSeatUpdateBudget(jdbi), clock);
        ProcessWebhookEvent processor = new ProcessWebhookEvent(accounts, snapshots, sync, catalog, ensureCustomer,
                new SyncCustomerProfile(accounts, adapters.payments(), profiles, clock),
                new HandleOwnerDeleted(accounts, adapters.payments(), billing.deletionPolicy(), clock),
                seats, billing.eagerCustomers(), new RecordPaymentEvents(adapters.payments(), accounts, appEvents));
        worker = new WebhookWorker(ledger, processor, clock, signals);
        receiveWebhook = new ReceiveWebhook(adapters.stripeEvents(), adapters.clerkEvents(), ledger, wakeWorker, clock,
                signals);

        authenticateAdmin = new AuthenticateAdmin(new JdbiAdminTokens(jdbi, clock), auditor,
                new RefusalTally(clock, ADMIN_REFUSAL_WINDOW));
        authenticateAppKey = new AuthenticateAppKey(new JdbiAppKeys(jdbi, clock), auditor,
                new RefusalTally(clock, ADMIN_REFUSAL_WINDOW));
        describeAppKey = new DescribeAppKey(auditor);
        inspectAccount = new InspectAccount(accounts, snapshots, auditor);
        resyncAccount = new ResyncAccount(accounts, snapshots, sync, auditor);
        relinkAccount = new RelinkAccount(accounts, snapshots, adapters.payments(), auditor, clock);
        listWebhookEvents = new ListWebhookEvents(ledger, auditor);
        retryWebhookEvent = new RetryWebhookEvent(ledger, wakeWorker, clock, auditor);
        listAppEvents = new ListAppEvents(eventOutbox, auditor);
        retryAppEvent = new RetryAppEvent(eventOutbox, wakeEvents, clock, auditor);
        readAuditLog = new ReadAuditLog(audit, auditor);
        describeCaller = new DescribeCaller(adapters.stripeMode(), auditor);
        showOverview = new ShowOverview(new JdbiOverviews(jdbi), clock, auditor);
        readOwnerEvents = new ReadOwnerEvents(accounts, ledger, auditor);
        readOwnerAudit = new ReadOwnerAudit(accounts, audit, auditor);
        pushProfile = new PushCustomerProfile(accounts, snapshots,
                new SyncCustomerProfile(accounts, adapters.requestPayments(), profiles, clock), auditor);
        searchAccounts = new SearchAccounts(new JdbiAccountSearch(jdbi), auditor);
        backfill = new BackfillCustomers(adapters.directory(), accounts, ensureCustomer, new JdbiBackfillCursors(jdbi));
        reconcile = new ReconcileAccounts(accounts, snapshots, adapters.payments(), sync, ensureCustomer);
    }

    /**
     * A small pool of daemon threads whose idle threads end, so a server (or a command) needs no shutdown step;
     * when full, a read is told the provider is unavailable (or served stale) rather than queueing without end.
     */
    private static ThreadPoolExecutor syncPool() {
        AtomicInteger number = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(SYNC_THREADS, SYNC_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(SYNC_QUEUE), task -> {
                    Thread thread = new Thread(task, "snapshot-sync-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static UrlPolicy urlPolicy(BillingSection billing) {
        try {
            return new UrlPolicy(new HashSet<>(billing.getAllowedOrigins()));
        } catch (IllegalArgumentException e) {
            throw new StartupProblem("billing.allowedOrigins: " + e.getMessage());
        }
    }
}

package io.billingbridge.console;

import io.billingbridge.console.service.Account;
import io.billingbridge.console.service.AccountDetails;
import io.billingbridge.console.service.AccountHit;
import io.billingbridge.console.service.AdminApi;
import io.billingbridge.console.service.AppEventDelivery;
import io.billingbridge.console.service.AppEventRetry;
import io.billingbridge.console.service.AdminApiException;
import io.billingbridge.console.service.AuditEntry;
import io.billingbridge.console.service.Billing;
import io.billingbridge.console.service.Invoice;
import io.billingbridge.console.service.Me;
import io.billingbridge.console.service.Money;
import io.billingbridge.console.service.Overview;
import io.billingbridge.console.service.Owner;
import io.billingbridge.console.service.Page;
import io.billingbridge.console.service.Payment;
import io.billingbridge.console.service.PaymentMethod;
import io.billingbridge.console.service.PlanItem;
import io.billingbridge.console.service.Product;
import io.billingbridge.console.service.RetryScheduled;
import io.billingbridge.console.service.Subscription;
import io.billingbridge.console.service.SubscriptionItem;
import io.billingbridge.console.service.WebhookEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An in-memory admin API with realistic data: alice on Pro, Acme on Team with five seats, carol without a
 * customer, 60 test users for paging, a failed Stripe event for alice. Calls are recorded; a failure can be queued.
 */
public final class FakeAdminApi implements AdminApi {
    public static final Owner ALICE = new Owner("user", "user_alice");
    public static final Owner ACME = new Owner("organization", "org_acme");
    public static final Owner CAROL = new Owner("user", "user_carol");
    public static final Instant NOW = Instant.parse("2026-11-28T20:15:00Z");
    public static final Instant EARLIER = Instant.parse("2026-11-27T09:30:00Z");

    private Me me = new Me("support-alice", List.of("read", "write"), "test", "https://dashboard.stripe.com/test");
    private final Map<Owner, AccountDetails> accounts = new LinkedHashMap<>();
    private final Map<Owner, String> emails = new HashMap<>();
    private final List<WebhookEvent> events = new ArrayList<>();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final List<AppEventDelivery> appEvents = new ArrayList<>();
    private final Map<String, AdminApiException> failures = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    public FakeAdminApi() {
        put(ALICE, "cus_alice01", "Alice Example", "a***@example.com",
                billing(ALICE, "cus_alice01", "Pro", 1, false, EARLIER), true);
        put(ACME, "cus_acme001", "Acme Inc", "b***@acme.test",
                billing(ACME, "cus_acme001", "Team", 5, true, EARLIER), false);
        put(new Owner("user", "user_bob"), "cus_bob0001", "Bob Member", "b***@acme.test", null, false);
        put(CAROL, null, "Carol Nobody", "c***@example.org", null, false);
        for (int i = 1; i <= 60; i++) {
            String id = String.format(Locale.ROOT, "user_test_%03d", i);
            put(new Owner("user", id), "cus_test" + i, "Test User " + i, "t***@load.test", null, false);
        }
        events.add(new WebhookEvent("stripe", "evt_failed_1", "invoice.paid", "customer.resync", "cus_alice01",
                "failed", 5, EARLIER, EARLIER.plusSeconds(3600), "stripe_unavailable"));
        events.add(new WebhookEvent("stripe", "evt_ok_1", "customer.subscription.created", "customer.resync",
                "cus_alice01", "processed", 1, EARLIER.minusSeconds(600), EARLIER.minusSeconds(600), null));
        events.add(new WebhookEvent("clerk", "msg_clerk_1", "user.updated", "owner.changed", "user:user_alice",
                "processed", 1, EARLIER.minusSeconds(7200), EARLIER.minusSeconds(7200), null));
        appEvents.add(new AppEventDelivery("msg_givenup1", "https://app.example/billing-events", "payment.failed",
                ALICE, "given_up", 17, "500", EARLIER, null, null, EARLIER.plusSeconds(86_400)));
        appEvents.add(new AppEventDelivery("msg_delivered1", "https://app.example/billing-events",
                "billing.updated", ALICE, "delivered", 1, null, EARLIER.minusSeconds(60), null,
                EARLIER.minusSeconds(59), null));
        audit.add(new AuditEntry(EARLIER.plusSeconds(60), "support-bob", "user:user_alice", "account.sync",
                "allowed", "", "req_7f3a9c"));
        audit.add(new AuditEntry(EARLIER, "support-bob", "user:user_alice", "account.read", "allowed", "",
                "req_5d21e0"));
    }

    /** Makes the token read-only, as {@code admin-token create NAME} does by default. */
    public synchronized FakeAdminApi readOnly() {
        me = new Me(me.name(), List.of("read"), me.stripeMode(), me.stripeDashboardUrl());
        return this;
    }

    /** The next call of {@code method} (the AdminApi method name) fails with {@code failure}. */
    public synchronized void failNext(String method, AdminApiException failure) {
        failures.put(method, failure);
    }

    /** Every call so far: {@code method} or {@code method:argument...}. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized WebhookEvent event(String eventId) {
        return events.stream().filter(e -> e.eventId().equals(eventId)).findFirst().orElseThrow();
    }

    public synchronized AppEventDelivery appEvent(String eventId) {
        return appEvents.stream().filter(e -> e.eventId().equals(eventId)).findFirst().orElseThrow();
    }

    public synchronized AccountDetails details(Owner owner) {
        return accounts.get(owner);
    }

    @Override
    public synchronized Me me() throws AdminApiException {
        record("me");
        return me;
    }

    @Override
    public synchronized Overview overview() throws AdminApiException {
        record("overview");
        long failed = events.stream().filter(WebhookEvent::failed).count();
        long pending = events.stream().filter(e -> e.status().equals("pending")).count();
        return new Overview(new Overview.AccountCounts(3, accounts.size() - 3, 2),
                new Overview.EventCounts(pending, failed), pending == 0 ? null : NOW.minusSeconds(840),
                pending == 0 ? null : 840L, NOW);
    }

    @Override
    public synchronized Page<AccountHit> searchAccounts(String query, int limit, String cursor)
            throws AdminApiException {
        record("searchAccounts", query, cursor);
        String q = query.toLowerCase(Locale.ROOT);
        List<AccountHit> all = accounts.values().stream().map(this::hit)
                .filter(hit -> q.isEmpty() || hit.owner().id().toLowerCase(Locale.ROOT).contains(q)
                        || (hit.customer() != null && hit.customer().toLowerCase(Locale.ROOT).contains(q))
                        || (hit.name() != null && hit.name().toLowerCase(Locale.ROOT).contains(q)))
                .toList();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + limit);
        boolean more = to < all.size();
        return new Page<>(all.subList(from, to), more, more ? Integer.toString(to) : null);
    }

    @Override
    public synchronized AccountDetails account(Owner owner) throws AdminApiException {
        record("account", owner.key());
        return found(owner);
    }

    @Override
    public synchronized AccountDetails resync(Owner owner) throws AdminApiException {
        record("resync", owner.key());
        AccountDetails before = found(owner);
        Account account = before.account();
        Billing old = before.snapshot() != null ? before.snapshot()
                : billing(owner, account.customer(), "Pro", 1, false, NOW);
        AccountDetails after = new AccountDetails(new Account(account.owner(), account.customer(),
                "active", account.profileName(), account.createdAt(), NOW, false),
                new Billing(old.owner(), old.customer(), old.subscriptions(), old.entitlements(), old.invoices(),
                        old.payments(), old.paymentMethods(), NOW, false));
        accounts.put(owner, after);
        audit.add(0, new AuditEntry(NOW, me.name(), owner.key(), "account.sync", "allowed", "", "req_resync1"));
        return after;
    }

    @Override
    public synchronized AccountDetails relink(Owner owner, String customer) throws AdminApiException {
        record("relink", owner.key(), customer);
        return found(owner);
    }

    @Override
    public synchronized AccountDetails pushProfile(Owner owner) throws AdminApiException {
        record("pushProfile", owner.key());
        AccountDetails details = found(owner);
        if (details.account().customer() == null) {
            throw new AdminApiException(409, "customer_missing", "The account has no Stripe customer yet.",
                    "req_conflict1");
        }
        return details;
    }

    @Override
    public synchronized Page<WebhookEvent> ownerEvents(Owner owner, int limit, String cursor)
            throws AdminApiException {
        record("ownerEvents", owner.key());
        AccountDetails details = found(owner);
        String customer = details.account().customer();
        List<WebhookEvent> mine = events.stream().filter(e -> owner.key().equals(e.subject())
                || (customer != null && customer.equals(e.subject()))).toList();
        return new Page<>(mine, false, null);
    }

    @Override
    public synchronized Page<AuditEntry> ownerAudit(Owner owner, int limit, String cursor)
            throws AdminApiException {
        record("ownerAudit", owner.key());
        found(owner);
        return new Page<>(audit.stream().filter(a -> owner.key().equals(a.owner())).toList(), false, null);
    }

    @Override
    public synchronized List<WebhookEvent> webhookEvents(String status, int limit) throws AdminApiException {
        record("webhookEvents", status);
        return events.stream().filter(e -> status == null || e.status().equals(status)).toList();
    }

    @Override
    public synchronized RetryScheduled retry(String source, String eventId) throws AdminApiException {
        record("retry", source, eventId);
        if (!me.canWrite()) {
            throw new AdminApiException(403, "admin_scope_required", "This action needs a token with write scope.",
                    "req_denied1");
        }
        for (int i = 0; i < events.size(); i++) {
            WebhookEvent e = events.get(i);
            if (e.source().equals(source) && e.eventId().equals(eventId)) {
                events.set(i, new WebhookEvent(e.source(), e.eventId(), e.type(), e.work(), e.subject(),
                        "processed", e.attempts() + 1, e.receivedAt(), NOW, null));
                return new RetryScheduled(source, eventId, true);
            }
        }
        throw new AdminApiException(404, "event_not_found", "No such event.", "req_missing1");
    }

    @Override
    public synchronized Page<AppEventDelivery> appEvents(Owner owner, int limit, String cursor)
            throws AdminApiException {
        record("appEvents", owner.key());
        return new Page<>(appEvents.stream().filter(e -> e.owner().equals(owner)).toList(), false, null);
    }

    @Override
    public synchronized AppEventRetry retryAppEvent(String eventId, String endpoint) throws AdminApiException {
        record("retryAppEvent", eventId, endpoint);
        if (!me.canWrite()) {
            throw new AdminApiException(403, "admin_scope_required", "This action needs a token with write scope.",
                    "req_denied2");
        }
        for (int i = 0; i < appEvents.size(); i++) {
            AppEventDelivery e = appEvents.get(i);
            if (e.eventId().equals(eventId) && e.endpoint().equals(endpoint) && e.retryable()) {
                appEvents.set(i, new AppEventDelivery(e.eventId(), e.endpoint(), e.type(), e.owner(), "delivered",
                        e.attempts() + 1, null, e.createdAt(), null, NOW, null));
                return new AppEventRetry(eventId, endpoint, true);
            }
        }
        throw new AdminApiException(404, "failed_delivery_not_found", "No such delivery.", "req_missing2");
    }

    @Override
    public synchronized List<AuditEntry> audit(int limit) throws AdminApiException {
        record("audit");
        return List.copyOf(audit);
    }

    private void record(String method, String... arguments) throws AdminApiException {
        calls.add(arguments.length == 0 ? method
                : method + ":" + Arrays.stream(arguments).map(String::valueOf).collect(Collectors.joining(":")));
        AdminApiException failure = failures.remove(method);
        if (failure != null) {
            throw failure;
        }
    }

    private AccountDetails found(Owner owner) throws AdminApiException {
        AccountDetails details = accounts.get(owner);
        if (details == null) {
            throw new AdminApiException(404, "account_not_found", "No billing account for " + owner.key() + ".",
                    "req_notfound");
        }
        return details;
    }

    private AccountHit hit(AccountDetails details) {
        Account account = details.account();
        List<PlanItem> plan = details.snapshot() == null ? List.of() : details.snapshot().subscriptions().stream()
                .flatMap(s -> s.items().stream().map(i -> new PlanItem(i.product().name(), s.status()))).toList();
        return new AccountHit(account.owner(), account.customer(), account.profileName(), emails.get(account.owner()),
                plan, account.syncState(), details.snapshot() == null ? null : details.snapshot().syncedAt(),
                account.snapshotOutOfDate(), "contains");
    }

    private void put(Owner owner, String customer, String name, String email, Billing snapshot, boolean outOfDate) {
        emails.put(owner, email);
        accounts.put(owner, new AccountDetails(new Account(owner, customer, customer == null ? "pending" : "active",
                name, EARLIER.minusSeconds(86_400 * 30L), EARLIER, outOfDate), snapshot));
    }

    private static Billing billing(Owner owner, String customer, String productName, long quantity,
            boolean cancelAtPeriodEnd, Instant syncedAt) {
        String productId = "prod_" + productName.toLowerCase(Locale.ROOT);
        Money price = new Money("Team".equals(productName) ? 900 : 1200, "usd");
        SubscriptionItem item = new SubscriptionItem("si_" + customer, "price_" + productId, productName.toLowerCase(
                Locale.ROOT) + "_monthly", new Product(productId, productName), quantity, price, "month",
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
        Subscription subscription = new Subscription("sub_" + customer, "active", cancelAtPeriodEnd, null, null,
                Instant.parse("2026-10-01T00:00:00Z"), List.of(item));
        Money total = new Money(price.amount() * quantity, "usd");
        List<Invoice> invoices = List.of(
                new Invoice("in_" + customer + "_2", "A1B2C3D4-0002", "paid", total, total,
                        Instant.parse("2026-11-01T00:00:00Z"), "https://invoice.stripe.com/i/acct_1/test_2",
                        subscription.id()),
                new Invoice("in_" + customer + "_1", "A1B2C3D4-0001", "paid", total, total,
                        Instant.parse("2026-10-01T00:00:00Z"), "https://invoice.stripe.com/i/acct_1/test_1",
                        subscription.id()));
        List<Payment> payments = List.of(
                new Payment("pi_" + customer + "_2", total, "succeeded", Instant.parse("2026-11-01T00:00:05Z"),
                        "Subscription update"),
                new Payment("pi_" + customer + "_1", total, "succeeded", Instant.parse("2026-10-01T00:00:05Z"),
                        "Subscription creation"));
        List<PaymentMethod> methods = List.of(new PaymentMethod("pm_" + customer, "card", "visa", "4242", 12, 2030,
                true));
        return new Billing(owner, customer, List.of(subscription),
                List.of(productName.toLowerCase(Locale.ROOT) + "_features", "priority_support"), invoices, payments,
                methods, syncedAt, false);
    }
}

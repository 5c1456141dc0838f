package io.billingbridge.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.DirectoryCustomerProfiles;
import io.billingbridge.core.account.OrganizationEmail;
import io.billingbridge.core.account.SyncCustomerProfile;
import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.testing.BillingWorld;
import io.billingbridge.core.testing.InMemoryWebhookLedger;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookEventRecord;
import io.billingbridge.core.webhook.WebhookSource;
import io.billingbridge.core.webhook.WebhookWork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Token scopes, the caller's description, the overview, an owner's history pages and push-profile. */
class AdminScopesAndHistoryTest {
    private final BillingWorld world = new BillingWorld();
    private final AdminIdentity reader = new AdminIdentity("support-read", Set.of(AdminScope.READ));
    private final AdminIdentity writer = new AdminIdentity("support-write", Set.of(AdminScope.READ, AdminScope.WRITE));
    private final InMemoryWebhookLedger ledger = new InMemoryWebhookLedger();
    private final Owner alice = Owner.user("user_alice");
    private final SyncCustomerProfile profiles = new SyncCustomerProfile(world.accounts, world.payments,
            new DirectoryCustomerProfiles(world.directory, OrganizationEmail.NONE), world.clock);
    private final PushCustomerProfile push = new PushCustomerProfile(world.accounts, world.snapshots, profiles,
            world.auditor);

    private CustomerId customerOfAlice() {
        world.directory.user("user_alice", "Alice", "alice@example.com");
        return world.ensureCustomer.ensure(alice).customerId().orElseThrow();
    }

    @Test
    void scopesAreReadOrReadAndWrite() {
        assertThat(AdminScope.parse("read")).containsExactly(AdminScope.READ);
        assertThat(AdminScope.parse("read,write")).containsExactlyInAnyOrder(AdminScope.READ, AdminScope.WRITE);
        assertThat(AdminScope.parse("write,read")).containsExactlyInAnyOrder(AdminScope.READ, AdminScope.WRITE);
        assertThat(AdminScope.format(Set.of(AdminScope.WRITE, AdminScope.READ))).isEqualTo("read,write");
        for (String bad : new String[] {"", "write", "read,read", "admin", "read,", "READ", "read;write"}) {
            assertThatThrownBy(() -> AdminScope.parse(bad)).as("scopes '%s'", bad)
                    .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("invalid_scopes"));
        }
        assertThatThrownBy(() -> new AdminIdentity("x", Set.of(AdminScope.WRITE))).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void aReadTokenIsRefusedEveryActionAndEachRefusalIsAuditedAsDenied() {
        CustomerId customer = customerOfAlice();
        List<String> callsBefore = new ArrayList<>(world.payments.calls);
        Instant later = world.clock.instant().plus(Duration.ofDays(1));
        ledger.record(WebhookSource.STRIPE, new VerifiedEvent("evt_failed", "invoice.paid",
                new WebhookWork.ResyncCustomer(customer)), world.clock.instant());
        ledger.markFailed(WebhookSource.STRIPE, "evt_failed", later, "provider_unavailable");
        List<Runnable> actions = List.of(
                () -> new ResyncAccount(world.accounts, world.snapshots, world.sync, world.auditor)
                        .resync(reader, "user", "user_alice"),
                () -> new RelinkAccount(world.accounts, world.snapshots, world.payments, world.auditor, world.clock)
                        .relink(reader, "user", "user_alice", customer.value()),
                () -> push.push(reader, "user", "user_alice"),
                () -> new RetryWebhookEvent(ledger, () -> { }, world.clock, world.auditor)
                        .retry(reader, "stripe", "evt_failed"));
        world.audit.entries.clear();

        for (Runnable action : actions) {
            assertThatThrownBy(action::run).isInstanceOfSatisfying(AccessDenied.class,
                    e -> assertThat(e.code()).isEqualTo("admin_scope_required"));
        }

        assertThat(world.audit.entries).extracting(AuditEntry::action).containsExactly("admin.account.sync",
                "admin.account.relink", "admin.account.push_profile", "admin.webhook_events.retry");
        assertThat(world.audit.entries).hasSize(4).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("admin:support-read");
            assertThat(e.outcome()).isEqualTo("denied");
            assertThat(e.detail()).isEqualTo("admin_scope_required");
        });
        assertThat(world.audit.entries.subList(0, 3)).hasSize(3)
                .allSatisfy(e -> assertThat(e.owner()).contains("user:user_alice"));
        assertThat(world.payments.calls).as("nothing reached Stripe").isEqualTo(callsBefore);
        assertThat(ledger.dueAt(WebhookSource.STRIPE, "evt_failed")).as("not retried").isEqualTo(later);
    }

    @Test
    void aReadTokenMayReadAndAWriteTokenMayAct() {
        customerOfAlice();
        assertThat(new InspectAccount(world.accounts, world.snapshots, world.auditor)
                .inspect(reader, "user", "user_alice").account().owner()).isEqualTo(alice);
        assertThat(new ResyncAccount(world.accounts, world.snapshots, world.sync, world.auditor)
                .resync(writer, "user", "user_alice").snapshot()).isPresent();
        assertThat(world.audit.entries).extracting(AuditEntry::outcome).containsExactly("allowed", "allowed");
    }

    @Test
    void meTellsTheTokensNameScopesAndTheStripeMode() {
        CallerDescription me = new DescribeCaller(StripeMode.ofKey("rk_test_abc"), world.auditor).describe(reader);
        assertThat(me.admin()).isEqualTo(reader);
        assertThat(me.stripeMode()).isEqualTo(StripeMode.TEST);
        assertThat(me.stripeMode().dashboardUrl()).isEqualTo("https://dashboard.stripe.com/test");
        assertThat(StripeMode.ofKey("sk_test_1")).isEqualTo(StripeMode.TEST);
        assertThat(StripeMode.ofKey("sk_live_1")).isEqualTo(StripeMode.LIVE);
        assertThat(StripeMode.ofKey("rk_live_1").dashboardUrl()).isEqualTo("https://dashboard.stripe.com");
        assertThat(world.audit.entries).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("admin.me.read");
            assertThat(e.detail()).isEqualTo("scopes=read");
        });
    }

    @Test
    void theOverviewTellsHowLongTheOldestPendingEventHasWaited() {
        Instant now = world.clock.instant();
        OverviewFigures figures = new OverviewFigures(1, 2, 3, 4, 5, Optional.of(now.minusSeconds(840)),
                Optional.of(now.minusSeconds(5)));
        Overview overview = new ShowOverview(() -> figures, world.clock, world.auditor).show(reader);
        assertThat(overview.figures()).isEqualTo(figures);
        assertThat(overview.oldestPendingAge()).contains(Duration.ofSeconds(840));

        OverviewFigures none = new OverviewFigures(0, 0, 0, 0, 0, Optional.empty(), Optional.empty());
        assertThat(new ShowOverview(() -> none, world.clock, world.auditor).show(reader).oldestPendingAge()).isEmpty();
        assertThat(world.audit.entries).extracting(AuditEntry::action).containsOnly("admin.overview.read");
    }

    @Test
    void aCursorRoundTripsAndAnythingElseIsRefused() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-11-28T20:15:00.123456Z"), "stripe/evt_1|x");
        assertThat(PageCursor.parse(Optional.of(cursor.encode()))).contains(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
        assertThat(PageCursor.parse(Optional.empty())).isEmpty();
        for (String bad : new String[] {"", "!!!", "bm90IGEgY3Vyc29y", "MnwyMDI2LTExLTI4VDIwOjE1OjAwWnxr",
                "MXxub3QtYS10aW1lfGs", "x".repeat(601)}) {
            assertThatThrownBy(() -> PageCursor.parse(Optional.of(bad))).as("cursor '%s'", bad)
                    .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("cursor_invalid"));
        }
    }

    @Test
    void anOwnersEventsComePageByPageNewestFirstWithoutDuplicatesOrGaps() {
        CustomerId customer = customerOfAlice();
        Instant t0 = world.clock.instant();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "evt_" + i;
            Instant at = t0.plusSeconds(i / 2);
            ledger.record(WebhookSource.STRIPE, new VerifiedEvent(id, "invoice.paid",
                    new WebhookWork.ResyncCustomer(customer)), at);
            expected.add(id);
        }
        ledger.record(WebhookSource.CLERK, new VerifiedEvent("msg_alice", "user.updated",
                new WebhookWork.OwnerChanged(alice)), t0.plusSeconds(10));
        ledger.record(WebhookSource.CLERK, new VerifiedEvent("msg_bob", "user.updated",
                new WebhookWork.OwnerChanged(Owner.user("user_bob"))), t0.plusSeconds(10));
        ledger.record(WebhookSource.STRIPE, new VerifiedEvent("evt_other", "invoice.paid",
                new WebhookWork.ResyncCustomer(new CustomerId("cus_other"))), t0.plusSeconds(10));
        ledger.record(WebhookSource.CLERK, new VerifiedEvent("msg_org", "organizationMembership.created",
                new WebhookWork.MembershipChanged(new OrganizationId("user_alice"))), t0.plusSeconds(10));
        expected.add("msg_alice");
        ReadOwnerEvents events = new ReadOwnerEvents(world.accounts, ledger, world.auditor);

        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<WebhookEventRecord> page = events.read(reader, "user", "user_alice", Optional.of("3"), cursor);
            page.items().forEach(e -> seen.add(e.eventId()));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
            cursor = page.next().map(PageCursor::encode);
            pages++;
        } while (cursor.isPresent());

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("msg_alice", "evt_6", "evt_5", "evt_4", "evt_3", "evt_2", "evt_1", "evt_0");
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void anOwnersAuditComesPageByPageAndOnlyThatOwners() {
        customerOfAlice();
        world.directory.user("user_bob", "Bob", "bob@example.com");
        world.ensureCustomer.ensure(Owner.user("user_bob"));
        InspectAccount inspect = new InspectAccount(world.accounts, world.snapshots, world.auditor);
        for (int i = 0; i < 5; i++) {
            inspect.inspect(writer, "user", "user_alice");
            inspect.inspect(writer, "user", "user_bob");
        }
        ReadOwnerAudit audit = new ReadOwnerAudit(world.accounts, world.audit, world.auditor);

        Page<AuditEntry> first = audit.read(reader, "user", "user_alice", Optional.of("2"), Optional.empty());
        List<AuditEntry> all = new ArrayList<>(first.items());
        Optional<PageCursor> next = first.next();
        while (next.isPresent()) {
            Page<AuditEntry> page = audit.read(reader, "user", "user_alice", Optional.of("2"),
                    next.map(PageCursor::encode));
            all.addAll(page.items());
            next = page.next();
        }
        assertThat(first.hasMore()).isTrue();
        assertThat(all).isNotEmpty().allSatisfy(e -> assertThat(e.owner()).contains("user:user_alice"));
        assertThat(all).extracting(AuditEntry::action).filteredOn("admin.account.read"::equals).hasSize(5);
        assertThat(all).extracting(AuditEntry::action).doesNotContain("admin.account.audit.read");
        assertThat(audit.read(reader, "user", "user_alice", Optional.of("1"), Optional.empty()).items())
                .extracting(AuditEntry::action).as("each read is audited and shows up newest")
                .containsExactly("admin.account.audit.read");
    }

    @Test
    void historyOfAnOwnerWithoutAccountIsNotFoundAndABadCursorOrLimitIsRefused() {
        customerOfAlice();
        ReadOwnerEvents events = new ReadOwnerEvents(world.accounts, ledger, world.auditor);
        ReadOwnerAudit audit = new ReadOwnerAudit(world.accounts, world.audit, world.auditor);
        assertThatThrownBy(() -> events.read(reader, "user", "user_nobody", Optional.empty(), Optional.empty()))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> audit.read(reader, "organization", "org_nobody", Optional.empty(), Optional.empty()))
                .isInstanceOf(NotFound.class);
        String auditCursor = new PageCursor(Instant.EPOCH, "stripe/evt_1").encode();
        String eventCursor = new PageCursor(Instant.EPOCH, "12").encode();
        assertThatThrownBy(() -> audit.read(reader, "user", "user_alice", Optional.empty(), Optional.of(auditCursor)))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("cursor_invalid"));
        assertThatThrownBy(() -> events.read(reader, "user", "user_alice", Optional.empty(), Optional.of(eventCursor)))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("cursor_invalid"));
        assertThatThrownBy(() -> events.read(reader, "user", "user_alice", Optional.of("501"), Optional.empty()))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("invalid_limit"));
        assertThat(world.audit.entries).extracting(AuditEntry::outcome).containsOnly("failed");
    }

    @Test
    void pushProfileWritesTheDirectorysProfileToTheCustomerEvenWhenTheStoredOneLooksCurrent() {
        customerOfAlice();
        world.directory.user("user_alice", "Alice Renamed", "alice@example.com");
        long updatesBefore = world.payments.calls.stream().filter("customers.update"::equals).count();

        AccountDetails pushed = push.push(writer, "user", "user_alice");
        AccountDetails again = push.push(writer, "user", "user_alice");

        assertThat(pushed.account().profile().name()).contains("Alice Renamed");
        assertThat(again.account().profile().name()).contains("Alice Renamed");
        assertThat(world.accounts.find(alice).map(BillingAccount::profile).flatMap(p -> p.name()))
                .contains("Alice Renamed");
        assertThat(world.payments.calls.stream().filter("customers.update"::equals).count())
                .as("pushed both times").isEqualTo(updatesBefore + 2);
        assertThat(world.audit.entries).extracting(AuditEntry::action)
                .containsExactly("admin.account.push_profile", "admin.account.push_profile");
    }

    @Test
    void pushProfileNeedsAnAccountWithACustomer() {
        world.accounts.reserve(alice, world.clock.instant());
        assertThatThrownBy(() -> push.push(writer, "user", "user_alice"))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("no_customer"));
        assertThatThrownBy(() -> push.push(writer, "user", "user_nobody")).isInstanceOf(NotFound.class);
        assertThat(world.audit.entries).extracting(AuditEntry::detail)
                .containsExactly("no_customer", "account_not_found");
    }
}

package io.billingbridge.console.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.console.FakeAdminApi;
import io.billingbridge.console.ManualExecutor;
import io.billingbridge.console.RecordingDesktop;
import io.billingbridge.console.RecordingNavigation;
import io.billingbridge.console.common.Session;
import io.billingbridge.console.service.AdminApiException;
import io.billingbridge.console.service.Owner;
import java.net.URI;
import org.junit.jupiter.api.Test;

class AccountViewModelTest {
    private final FakeAdminApi api = new FakeAdminApi();
    private final ManualExecutor executor = new ManualExecutor();
    private final RecordingNavigation navigation = new RecordingNavigation();
    private final RecordingDesktop desktop = new RecordingDesktop();

    private Session session() {
        try {
            return new Session(api, URI.create("http://127.0.0.1:8080"), api.me());
        } catch (AdminApiException e) {
            throw new AssertionError(e);
        }
    }

    private AccountViewModel open(Owner owner) {
        AccountViewModel account = new AccountViewModel(session(), owner, executor, navigation, desktop);
        account.load();
        executor.runAll();
        return account;
    }

    @Test
    void loadsTheMappingTheSnapshotTabsAndTheOwnersHistory() {
        AccountViewModel account = open(FakeAdminApi.ACME);

        assertThat(account.detailsProperty().get().account().customer()).isEqualTo("cus_acme001");
        assertThat(account.subscriptions()).singleElement().satisfies(row -> {
            assertThat(row.product()).isEqualTo("Team");
            assertThat(row.quantity()).isEqualTo(5);
            assertThat(row.status()).isEqualTo("active");
            assertThat(row.cancelAtPeriodEnd()).isTrue();
        });
        assertThat(account.invoices()).extracting(i -> i.number()).containsExactly("A1B2C3D4-0002", "A1B2C3D4-0001");
        assertThat(account.payments()).hasSize(2);
        assertThat(account.paymentMethods()).singleElement().satisfies(
                pm -> assertThat(pm.summary()).isEqualTo("visa •••• 4242, 12/2030"));
        assertThat(account.entitlements()).containsExactly("team_features", "priority_support");
        assertThat(account.busyProperty().get()).isFalse();
    }

    @Test
    void resyncShowsProgressThenRefreshesTheScreenWithTheResult() {
        AccountViewModel account = open(FakeAdminApi.ALICE);
        assertThat(account.detailsProperty().get().account().snapshotOutOfDate()).isTrue();

        account.resync();
        assertThat(account.busyProperty().get()).isTrue();
        assertThat(account.activityProperty().get()).isEqualTo("Resyncing with Stripe…");
        executor.runAll();

        assertThat(account.busyProperty().get()).isFalse();
        assertThat(account.activityProperty().get()).isEmpty();
        assertThat(account.detailsProperty().get().account().snapshotOutOfDate()).isFalse();
        assertThat(account.detailsProperty().get().snapshot().syncedAt()).isEqualTo(FakeAdminApi.NOW);
        assertThat(account.noticeProperty().get()).isEqualTo("Resynced: snapshot of 2026-11-28 20:15:00 UTC");
        assertThat(account.audit()).first().satisfies(a -> assertThat(a.action()).isEqualTo("account.sync"));
        assertThat(api.calls()).containsSubsequence("resync:user:user_alice", "ownerEvents:user:user_alice",
                "ownerAudit:user:user_alice");
    }

    @Test
    void retryingAFailedEventReloadsTheEvents() {
        AccountViewModel account = open(FakeAdminApi.ALICE);
        assertThat(account.events()).filteredOn(e -> e.failed()).hasSize(1);

        account.retry(api.event("evt_failed_1"));
        executor.runAll();

        assertThat(api.calls()).contains("retry:stripe:evt_failed_1");
        assertThat(account.events()).noneMatch(e -> e.failed());
        assertThat(account.noticeProperty().get()).startsWith("Retry of evt_failed_1 scheduled");
    }

    @Test
    void theOwnersDeliveriesToTheApplicationAreListedAndAGivenUpOneIsRetried() {
        AccountViewModel account = open(FakeAdminApi.ALICE);
        assertThat(account.appEvents()).extracting(d -> d.state()).containsExactly("given_up", "delivered");

        account.retry(api.appEvent("msg_givenup1"));
        executor.runAll();

        assertThat(api.calls()).contains("retryAppEvent:msg_givenup1:https://app.example/billing-events");
        assertThat(account.appEvents()).extracting(d -> d.state()).containsOnly("delivered");
        assertThat(account.noticeProperty().get()).isEqualTo(
                "Delivery of msg_givenup1 to https://app.example/billing-events is due now.");
        assertThat(open(FakeAdminApi.ACME).appEvents()).isEmpty();
    }

    @Test
    void aReadOnlyTokenRunsNoAction() {
        api.readOnly();
        AccountViewModel account = open(FakeAdminApi.ALICE);
        int before = api.calls().size();

        account.resync();
        account.pushProfile();
        account.retry(api.event("evt_failed_1"));
        account.retry(api.appEvent("msg_givenup1"));
        executor.runAll();

        assertThat(account.canWrite()).isFalse();
        assertThat(api.calls()).hasSize(before);
    }

    @Test
    void aFailedActionShowsTheServersMessageAndRequestId() {
        AccountViewModel account = open(FakeAdminApi.ALICE);
        api.failNext("resync", new AdminApiException(503, "stripe_unavailable", "Stripe did not answer; try again.",
                "req_503x"));

        account.resync();
        executor.runAll();

        assertThat(account.errorProperty().get()).isEqualTo("Stripe did not answer; try again. (Request-Id: req_503x)");
        assertThat(account.activityProperty().get()).isEmpty();
        assertThat(account.busyProperty().get()).isFalse();
    }

    @Test
    void aHistoryFailureDoesNotHideTheAccount() {
        api.failNext("ownerEvents", new AdminApiException(404, "not_found", "HTTP 404 Not Found", "req_404"));
        AccountViewModel account = open(FakeAdminApi.ALICE);

        assertThat(account.detailsProperty().get()).isNotNull();
        assertThat(account.errorProperty().get()).isEqualTo("HTTP 404 Not Found (Request-Id: req_404)");
        assertThat(account.audit()).isNotEmpty();
    }

    @Test
    void opensTheCustomerInStripesDashboardAndCopiesIds() {
        AccountViewModel account = open(FakeAdminApi.ALICE);

        account.openInStripe();
        account.copy("cus_alice01");

        assertThat(desktop.browsed).containsExactly("https://dashboard.stripe.com/test/customers/cus_alice01");
        assertThat(desktop.copied).containsExactly("cus_alice01");
    }

    @Test
    void anOwnerWithoutACustomerHasNoStripeLinkAndRePushIsRefusedByTheServer() {
        AccountViewModel account = open(FakeAdminApi.CAROL);
        assertThat(account.stripeUrl()).isEmpty();

        account.pushProfile();
        executor.runAll();

        assertThat(account.errorProperty().get())
                .isEqualTo("The account has no Stripe customer yet. (Request-Id: req_conflict1)");
    }

    @Test
    void aRefusedTokenSendsTheUserBackToConnect() {
        AccountViewModel account = open(FakeAdminApi.ALICE);
        api.failNext("resync", new AdminApiException(401, "admin_token_invalid", "Token revoked.", "req_9"));

        account.resync();
        executor.runAll();

        assertThat(navigation.visits).containsExactly("signOut Token revoked. (Request-Id: req_9)");
    }

    @Test
    void leavingTheScreenCancelsItsCalls() {
        AccountViewModel account = new AccountViewModel(session(), FakeAdminApi.ALICE, executor, navigation,
                desktop);
        account.load();
        assertThat(executor.pending()).as("account, events, audit, app events").isEqualTo(4);

        account.close();

        assertThat(executor.pending()).isZero();
        assertThat(account.busyProperty().get()).isFalse();
        assertThat(account.detailsProperty().get()).isNull();
    }
}

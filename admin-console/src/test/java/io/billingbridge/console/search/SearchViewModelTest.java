package io.billingbridge.console.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.console.FakeAdminApi;
import io.billingbridge.console.ManualExecutor;
import io.billingbridge.console.ManualScheduler;
import io.billingbridge.console.RecordingNavigation;
import io.billingbridge.console.common.Session;
import io.billingbridge.console.service.AccountHit;
import io.billingbridge.console.service.AdminApiException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class SearchViewModelTest {
    private final FakeAdminApi api = new FakeAdminApi();
    private final ManualExecutor executor = new ManualExecutor();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingNavigation navigation = new RecordingNavigation();
    private final SearchViewModel search = new SearchViewModel(session(api), executor, scheduler, navigation);

    static Session session(FakeAdminApi api) {
        try {
            return new Session(api, URI.create("http://127.0.0.1:8080"), api.me());
        } catch (AdminApiException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void typingWaitsForAPauseAndSendsOnlyTheLastQuery() {
        search.queryProperty().set("a");
        search.queryProperty().set("al");
        search.queryProperty().set("alice");

        assertThat(scheduler.waiting()).as("one pending search, the earlier ones cancelled").isEqualTo(1);
        assertThat(scheduler.lastDelay()).isEqualTo(SearchViewModel.DEBOUNCE);
        assertThat(executor.pending()).isZero();

        scheduler.elapse();
        executor.runAll();

        assertThat(api.calls()).containsExactly("me", "searchAccounts:alice:null");
        assertThat(search.results()).extracting(hit -> hit.owner().id()).containsExactly("user_alice");
        assertThat(search.statusProperty().get()).isEqualTo("1 account");
    }

    @Test
    void aNewQueryCancelsTheSearchStillRunningSoItsResultNeverShows() {
        search.queryProperty().set("acme");
        scheduler.elapse();
        assertThat(executor.pending()).isEqualTo(1);

        search.queryProperty().set("carol");
        scheduler.elapse();
        executor.runAll();

        assertThat(executor.cancelled()).isEqualTo(1);
        assertThat(search.results()).extracting(hit -> hit.owner().id()).containsExactly("user_carol");
    }

    @Test
    void moreFetchesTheNextPageOfTheSameQueryWithTheServersCursor() {
        search.queryProperty().set("test user");
        scheduler.elapse();
        executor.runAll();
        assertThat(search.results()).hasSize(SearchViewModel.PAGE_SIZE);
        assertThat(search.hasMoreProperty().get()).isTrue();
        assertThat(search.statusProperty().get()).isEqualTo("25 accounts, more available");

        search.more();
        executor.runAll();
        search.more();
        executor.runAll();

        assertThat(api.calls()).endsWith("searchAccounts:test user:25", "searchAccounts:test user:50");
        assertThat(search.results()).hasSize(60).extracting(hit -> hit.owner().id()).doesNotHaveDuplicates();
        assertThat(search.hasMoreProperty().get()).isFalse();
        assertThat(search.statusProperty().get()).isEqualTo("60 accounts");
    }

    @Test
    void openingAHitShowsThatOwnersAccount() {
        search.start();
        executor.runAll();
        AccountHit alice = search.results().get(0);

        search.open(alice);

        assertThat(navigation.visits).containsExactly("account user:user_alice");
    }

    @Test
    void aFailureShowsTheServersMessageAndRequestIdAndARefusedTokenSignsOut() {
        api.failNext("searchAccounts", new AdminApiException(400, "cursor_invalid", "The cursor is not valid.",
                "req_bad1"));
        search.start();
        executor.runAll();
        assertThat(search.errorProperty().get()).isEqualTo("The cursor is not valid. (Request-Id: req_bad1)");

        api.failNext("searchAccounts", new AdminApiException(401, "admin_token_invalid", "Token revoked.", "req_2"));
        search.searchNow();
        executor.runAll();
        assertThat(navigation.visits).containsExactly("signOut Token revoked. (Request-Id: req_2)");
    }

    @Test
    void leavingTheScreenCancelsTheWaitingAndRunningSearch() {
        search.queryProperty().set("alice");
        scheduler.elapse();
        search.queryProperty().set("alicia");

        search.close();

        assertThat(scheduler.waiting()).isZero();
        assertThat(executor.pending()).isZero();
        assertThat(search.busyProperty().get()).isFalse();
    }

    @Test
    void aQueryLongerThanTheServerAcceptsIsNotSent() {
        search.queryProperty().set("x".repeat(SearchViewModel.MAX_QUERY + 1));
        scheduler.elapse();

        assertThat(executor.pending()).isZero();
        assertThat(search.errorProperty().get()).contains("at most 200");
    }
}

package io.billingbridge.console.search;

import io.billingbridge.console.common.Cancellable;
import io.billingbridge.console.common.Navigation;
import io.billingbridge.console.common.Scheduler;
import io.billingbridge.console.common.ScreenViewModel;
import io.billingbridge.console.common.Session;
import io.billingbridge.console.common.TaskExecutor;
import io.billingbridge.console.service.AccountHit;
import io.billingbridge.console.service.Page;
import java.time.Duration;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Live search over every account: each change of the query, once the user stops typing for {@link #DEBOUNCE},
 * cancels the search still running and starts a new one; "more" fetches the next page of the same query.
 */
public final class SearchViewModel extends ScreenViewModel {
    /** How long the query must stay unchanged before it is sent. */
    public static final Duration DEBOUNCE = Duration.ofMillis(300);
    /** Results per page. */
    public static final int PAGE_SIZE = 25;
    /** The longest query the server accepts. */
    public static final int MAX_QUERY = 200;

    private final Session session;
    private final Scheduler scheduler;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<AccountHit> results = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private Cancellable waiting = () -> { };
    private Cancellable searching = () -> { };
    private String searchedQuery;
    private String nextCursor;

    public SearchViewModel(Session session, TaskExecutor executor, Scheduler scheduler, Navigation navigation) {
        super(executor, navigation);
        this.session = session;
        this.scheduler = scheduler;
        query.addListener((observable, before, now) -> queryChanged());
    }

    /** What the user typed. */
    public StringProperty queryProperty() {
        return query;
    }

    /** The hits so far, in the server's order (exact, then prefix, then contains). */
    public ObservableList<AccountHit> results() {
        return results;
    }

    /** Whether the server has more hits for the query. */
    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    /** A line on what is shown: {@code 25 accounts, more available}. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Searches for the current query now, unless it was already searched (the first view of the screen). */
    public void start() {
        if (searchedQuery == null) {
            searchNow();
        }
    }

    /** Searches for the current query at once, without waiting. */
    public void searchNow() {
        waiting.cancel();
        searching.cancel();
        clearError();
        String q = query.get() == null ? "" : query.get().trim();
        if (q.length() > MAX_QUERY) {
            fail("A search is at most " + MAX_QUERY + " characters.");
            return;
        }
        status.set("Searching…");
        searching = call(() -> session.api().searchAccounts(q, PAGE_SIZE, null), page -> {
            searchedQuery = q;
            results.setAll(page.data());
            took(page);
        }, failure -> status.set(""));
    }

    /** Fetches the next page of the query shown and appends it. */
    public void more() {
        if (!hasMore.get() || nextCursor == null) {
            return;
        }
        String q = searchedQuery;
        String cursor = nextCursor;
        searching.cancel();
        clearError();
        status.set("Loading more…");
        searching = call(() -> session.api().searchAccounts(q, PAGE_SIZE, cursor), page -> {
            results.addAll(page.data());
            took(page);
        }, failure -> status.set(""));
    }

    /** Opens the account of {@code hit}. */
    public void open(AccountHit hit) {
        if (hit != null) {
            navigation().openAccount(hit.owner());
        }
    }

    private void took(Page<AccountHit> page) {
        nextCursor = page.nextCursor();
        hasMore.set(page.hasMore());
        int shown = results.size();
        String count = shown == 0 ? "No account matches" : shown == 1 ? "1 account" : shown + " accounts";
        status.set(page.hasMore() ? count + ", more available" : count);
    }

    private void queryChanged() {
        waiting.cancel();
        waiting = scheduler.after(DEBOUNCE, this::searchNow);
    }

    @Override
    public void close() {
        waiting.cancel();
        super.close();
    }
}

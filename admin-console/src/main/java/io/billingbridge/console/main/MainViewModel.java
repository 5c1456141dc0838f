package io.billingbridge.console.main;

import io.billingbridge.console.account.AccountViewModel;
import io.billingbridge.console.common.Desktop;
import io.billingbridge.console.common.Navigation;
import io.billingbridge.console.common.Scheduler;
import io.billingbridge.console.common.Screen;
import io.billingbridge.console.common.Session;
import io.billingbridge.console.common.TaskExecutor;
import io.billingbridge.console.connect.ConnectViewModel;
import io.billingbridge.console.connect.StoredConnection;
import io.billingbridge.console.overview.OverviewViewModel;
import io.billingbridge.console.search.SearchViewModel;
import io.billingbridge.console.service.AdminApiFactory;
import io.billingbridge.console.service.Owner;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The window's state: which screen shows, and the session once connected. Leaving a screen cancels its calls;
 * the search screen is kept for the session, so Escape from an account returns to the same results.
 */
public final class MainViewModel implements Navigation {
    private final TaskExecutor executor;
    private final Scheduler scheduler;
    private final Desktop desktop;
    private final ConnectViewModel connect;
    private final ReadOnlyObjectWrapper<Screen> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Session> session = new ReadOnlyObjectWrapper<>();
    private SearchViewModel search;

    public MainViewModel(AdminApiFactory factory, StoredConnection stored, TaskExecutor executor, Scheduler scheduler,
            Desktop desktop) {
        this.executor = executor;
        this.scheduler = scheduler;
        this.desktop = desktop;
        this.connect = new ConnectViewModel(factory, stored, executor, this::connected);
        current.set(connect);
    }

    /** The screen shown. */
    public ReadOnlyObjectProperty<Screen> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The session; null while on the connect screen. */
    public ReadOnlyObjectProperty<Session> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public ConnectViewModel connect() {
        return connect;
    }

    private void connected(Session opened) {
        session.set(opened);
        search = new SearchViewModel(opened, executor, scheduler, this);
        showSearch();
    }

    @Override
    public void showOverview() {
        if (session.get() != null) {
            OverviewViewModel overview = new OverviewViewModel(session.get(), executor, this);
            switchTo(overview);
            overview.refresh();
        }
    }

    @Override
    public void showSearch() {
        if (session.get() != null) {
            switchTo(search);
            search.start();
        }
    }

    @Override
    public void openAccount(Owner owner) {
        if (session.get() != null) {
            AccountViewModel account = new AccountViewModel(session.get(), owner, executor, this, desktop);
            switchTo(account);
            account.load();
        }
    }

    @Override
    public void signOut(String reason) {
        Screen leaving = current.get();
        if (leaving != null) {
            leaving.close();
        }
        if (search != null) {
            search.close();
        }
        search = null;
        session.set(null);
        connect.signedOut(reason);
        current.set(connect);
    }

    /** Leaves the server: back to the connect screen without a message. */
    public void disconnect() {
        signOut("");
    }

    private void switchTo(Screen next) {
        Screen leaving = current.get();
        if (leaving != null && leaving != next) {
            leaving.close();
        }
        current.set(next);
    }
}

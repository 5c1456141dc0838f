package io.billingbridge.console.main;

import io.billingbridge.console.account.AccountView;
import io.billingbridge.console.account.AccountViewModel;
import io.billingbridge.console.common.Desktop;
import io.billingbridge.console.common.Screen;
import io.billingbridge.console.common.Session;
import io.billingbridge.console.connect.ConnectView;
import io.billingbridge.console.connect.ConnectViewModel;
import io.billingbridge.console.overview.OverviewView;
import io.billingbridge.console.overview.OverviewViewModel;
import io.billingbridge.console.search.SearchView;
import io.billingbridge.console.search.SearchViewModel;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The window: a navigation bar while connected, the current screen's view below it; Escape leaves an account. */
public final class MainView extends BorderPane {
    private final MainViewModel viewModel;
    private final Desktop desktop;
    private SearchViewModel searchModel;
    private SearchView searchView;

    public MainView(MainViewModel viewModel, Desktop desktop) {
        this.viewModel = viewModel;
        this.desktop = desktop;
        setId("main");
        getStylesheets().add(MainView.class.getResource("console.css").toExternalForm());

        Button overview = new Button("Overview");
        overview.setId("nav-overview");
        overview.setOnAction(event -> viewModel.showOverview());
        Button search = new Button("Search");
        search.setId("nav-search");
        search.setOnAction(event -> viewModel.showSearch());
        Label who = new Label();
        who.setId("nav-session");
        who.textProperty().bind(Bindings.createStringBinding(() -> describe(viewModel.sessionProperty().get()),
                viewModel.sessionProperty()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button disconnect = new Button("Disconnect");
        disconnect.setId("nav-disconnect");
        disconnect.setOnAction(event -> viewModel.disconnect());
        HBox bar = new HBox(10, overview, search, gap, who, disconnect);
        bar.getStyleClass().add("nav");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 16, 8, 16));
        bar.visibleProperty().bind(viewModel.sessionProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        setTop(bar);

        sceneProperty().addListener((observable, before, scene) -> {
            if (scene != null) {
                scene.addEventHandler(KeyEvent.KEY_PRESSED, this::escapeFromAccount);
            }
        });
        viewModel.currentProperty().addListener((observable, before, now) -> show(now));
        show(viewModel.currentProperty().get());
    }

    /** Escape on the account screen goes back to the search, wherever the focus is (or was, on a removed row). */
    private void escapeFromAccount(KeyEvent key) {
        if (key.getCode() == KeyCode.ESCAPE && viewModel.currentProperty().get() instanceof AccountViewModel account) {
            account.back();
            key.consume();
        }
    }

    private void show(Screen screen) {
        setCenter(viewOf(screen));
    }

    private Node viewOf(Screen screen) {
        if (screen instanceof ConnectViewModel connect) {
            return new ConnectView(connect);
        }
        if (screen instanceof OverviewViewModel overview) {
            return new OverviewView(overview, desktop);
        }
        if (screen instanceof SearchViewModel search) {
            if (search != searchModel) {
                searchModel = search;
                searchView = new SearchView(search, desktop);
            }
            searchView.focusSearch();
            return searchView;
        }
        if (screen instanceof AccountViewModel account) {
            AccountView view = new AccountView(account, desktop);
            Platform.runLater(view::requestFocus);
            return view;
        }
        throw new IllegalStateException("no view for " + screen.getClass().getSimpleName());
    }

    private static String describe(Session session) {
        if (session == null) {
            return "";
        }
        return session.serverUrl() + " as " + session.me().name() + " (" + String.join(", ", session.me().scopes())
                + ") · Stripe " + session.me().stripeMode() + " mode";
    }

    /** The model, for the application and tests. */
    public MainViewModel viewModel() {
        return viewModel;
    }
}

package io.billingbridge.console.connect;

import io.billingbridge.console.common.Cancellable;
import io.billingbridge.console.common.Failures;
import io.billingbridge.console.common.Screen;
import io.billingbridge.console.common.Session;
import io.billingbridge.console.common.TaskExecutor;
import io.billingbridge.console.service.AdminApi;
import io.billingbridge.console.service.AdminApiException;
import io.billingbridge.console.service.AdminApiFactory;
import io.billingbridge.console.service.Me;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The connect screen: a server URL and an admin token, checked with {@code GET /me} before the console opens.
 *
 * <p>The URL is remembered after a successful connect; the token only when {@link #rememberProperty()} is ticked
 * (see {@link StoredConnection}), and unticking it deletes a stored one.
 */
public final class ConnectViewModel implements Screen {
    /** The demo's address, offered when nothing is remembered. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    private final AdminApiFactory factory;
    private final StoredConnection stored;
    private final TaskExecutor executor;
    private final Consumer<Session> onConnected;
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");
    private final BooleanProperty remember = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final BooleanBinding canConnect;
    private Cancellable running = () -> { };

    public ConnectViewModel(AdminApiFactory factory, StoredConnection stored, TaskExecutor executor,
            Consumer<Session> onConnected) {
        this.factory = factory;
        this.stored = stored;
        this.executor = executor;
        this.onConnected = onConnected;
        url.set(stored.url().orElse(DEFAULT_URL));
        try {
            Optional<String> saved = stored.token();
            saved.ifPresent(token::set);
            remember.set(saved.isPresent());
        } catch (IOException e) {
            error.set("The stored token could not be read (" + e.getMessage() + "); enter it again.");
        }
        canConnect = Bindings.createBooleanBinding(
                () -> !url.get().isBlank() && !token.get().isBlank() && !busy.get(), url, token, busy);
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    /** Whether to store the token for the next run. */
    public BooleanProperty rememberProperty() {
        return remember;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why the last connect failed, or why the user was sent back here. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanBinding canConnectProperty() {
        return canConnect;
    }

    /** Shows why the user is back on this screen (the server refused the token). */
    public void signedOut(String reason) {
        error.set(reason);
    }

    /** Checks the URL and token with {@code GET /me}; on success remembers what was asked and opens the console. */
    public void connect() {
        if (!canConnect.get()) {
            return;
        }
        URI serverUrl;
        AdminApi api;
        try {
            serverUrl = new URI(url.get().trim());
            api = factory.open(serverUrl, token.get().trim());
        } catch (URISyntaxException e) {
            error.set("That is not a server URL; write it as http://host:port.");
            return;
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        busy.set(true);
        error.set("");
        running = executor.execute(api::me, me -> {
            busy.set(false);
            connected(api, serverUrl, me);
        }, failure -> {
            busy.set(false);
            error.set(describe(failure));
        });
    }

    private void connected(AdminApi api, URI serverUrl, Me me) {
        try {
            stored.rememberUrl(serverUrl.toString());
            if (remember.get()) {
                stored.rememberToken(token.get().trim());
            } else {
                stored.forgetToken();
            }
        } catch (IOException e) {
            error.set("Connected, but the token could not be stored: " + e.getMessage()
                    + ". Untick \"Remember token\" to connect without storing it.");
            return;
        }
        onConnected.accept(new Session(api, serverUrl, me));
    }

    private static String describe(Exception failure) {
        if (failure instanceof AdminApiException api && api.unauthorized()) {
            return "The server refused this token: " + api.forPeople();
        }
        return Failures.describe(failure);
    }

    @Override
    public void close() {
        running.cancel();
        busy.set(false);
    }
}

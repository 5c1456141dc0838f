package io.billingbridge.console.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * What every screen's ViewModel shares: its calls run through the executor and are cancelled when the user
 * leaves; a failure becomes the screen's error line, and a refused token sends the user back to connect.
 */
public abstract class ScreenViewModel implements Screen {
    private final TaskExecutor executor;
    private final Navigation navigation;
    private final List<Cancellable> running = new ArrayList<>();
    private final IntegerProperty calls = new SimpleIntegerProperty();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    protected ScreenViewModel(TaskExecutor executor, Navigation navigation) {
        this.executor = executor;
        this.navigation = navigation;
        busy.bind(calls.greaterThan(0));
    }

    /** True while a call of this screen runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last failure as the server put it (message and Request-Id); empty when the last call went well. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    protected Navigation navigation() {
        return navigation;
    }

    /** Runs {@code work} off the UI thread; {@code onSuccess} gets its result on the UI thread. */
    protected <T> Cancellable call(Callable<T> work, Consumer<T> onSuccess) {
        return call(work, onSuccess, failure -> { });
    }

    /** As {@link #call(Callable, Consumer)}, and {@code onFailure} runs after the error line is set. */
    protected <T> Cancellable call(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
        Cancellable[] self = new Cancellable[1];
        boolean[] finished = new boolean[1];
        calls.set(calls.get() + 1);
        Cancellable started = executor.execute(work, result -> {
            finish(self[0], finished);
            onSuccess.accept(result);
        }, failure -> {
            finish(self[0], finished);
            if (Failures.unauthorized(failure)) {
                navigation.signOut(Failures.describe(failure));
                return;
            }
            error.set(Failures.describe(failure));
            onFailure.accept(failure);
        });
        Cancellable handle = () -> {
            if (!finished[0]) {
                started.cancel();
                finish(self[0], finished);
            }
        };
        self[0] = handle;
        if (!finished[0]) {
            running.add(handle);
        }
        return handle;
    }

    private void finish(Cancellable handle, boolean[] finished) {
        if (!finished[0]) {
            finished[0] = true;
            calls.set(calls.get() - 1);
            if (handle != null) {
                running.remove(handle);
            }
        }
    }

    /** Empties the error line; each user action starts with it, so an old failure does not linger. */
    protected void clearError() {
        error.set("");
    }

    /** Shows {@code message} on the error line (for a problem found before any call). */
    protected void fail(String message) {
        error.set(message);
    }

    @Override
    public void close() {
        for (Cancellable call : List.copyOf(running)) {
            call.cancel();
        }
        running.clear();
    }
}

package io.billingbridge.console.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work off the JavaFX thread and hands its outcome back on it (the JabRef way: ViewModels take an executor,
 * the app gives {@link FxTaskExecutor}, tests give one that runs when told).
 */
public interface TaskExecutor {

    /**
     * Runs {@code work} in the background, then {@code onSuccess} or {@code onFailure} on the UI thread, unless
     * cancelled first.
     */
    <T> Cancellable execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure);
}

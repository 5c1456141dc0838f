package io.billingbridge.console.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/** Runs each piece of work as a {@link Task} on a pool of daemon threads; outcomes arrive on the FX thread. */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    private final ExecutorService pool;

    public FxTaskExecutor() {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "console-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public <T> Cancellable execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(done -> onSuccess.accept(task.getValue()));
        task.setOnFailed(done -> {
            Throwable failure = task.getException();
            if (failure instanceof Exception exception) {
                onFailure.accept(exception);
            } else {
                onFailure.accept(new IllegalStateException("the background call failed", failure));
            }
        });
        pool.execute(task);
        return () -> task.cancel(true);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

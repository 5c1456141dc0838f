package io.billingbridge.db;

import io.billingbridge.core.snapshot.OwnerChangeListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed of owner changes, from PostgreSQL: one connection of its own that {@code LISTEN}s on the channel the
 * database's triggers announce every committed change to an account or snapshot on (migration V14), and passes each
 * owner key to the listener.
 *
 * <p>The listener is told the feed is live only once {@code LISTEN} succeeded, and lost as soon as the connection
 * fails, a probe query on it does not answer, or the feed stops; it then reconnects after {@code retryAfter}. A
 * connection that silently died is found by the probe (every {@code probeEvery}; the connection's own socket
 * timeout bounds the probe).
 */
public final class PostgresOwnerChanges implements AutoCloseable {
    /** The channel the triggers announce on. */
    public static final String CHANNEL = "billing_owner";

    /** The longest one wait for notifications blocks, so that {@link #close()} is prompt. */
    private static final long MAX_WAIT_MILLIS = 250;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresOwnerChanges.class);

    private final ConnectionSource connections;
    private final OwnerChangeListener listener;
    private final Duration probeEvery;
    private final Duration retryAfter;
    private volatile boolean running;
    private Thread thread;

    /** Opens the feed's own connection (not one from the pool: it is held for as long as the feed runs). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    public PostgresOwnerChanges(ConnectionSource connections, OwnerChangeListener listener, Duration probeEvery,
            Duration retryAfter) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.probeEvery = Objects.requireNonNull(probeEvery, "probeEvery");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** Starts listening on a daemon thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the owner change feed is already started");
        }
        running = true;
        thread = new Thread(this::run, "owner-change-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops listening; the listener is told the feed is lost. */
    @Override
    public synchronized void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
            thread = null;
        }
    }

    private void run() {
        boolean wasLive = false;
        try {
            while (running) {
                try (Connection connection = connections.open()) {
                    listen(connection, wasLive);
                } catch (SQLException | RuntimeException e) {
                    listener.feedLost();
                    if (running) {
                        LOG.warn("owner change feed disconnected ({}); billing reads go to the database until it "
                                + "reconnects", e.getClass().getSimpleName());
                    }
                }
                wasLive = true;
                pause();
            }
        } finally {
            listener.feedLost();
        }
    }

    private void listen(Connection connection, boolean again) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        PGConnection postgres = connection.unwrap(PGConnection.class);
        listener.feedLive();
        LOG.info(again ? "owner change feed reconnected" : "owner change feed live");
        long probeNanos = probeEvery.toNanos();
        long nextProbe = System.nanoTime() + probeNanos;
        while (running) {
            int wait = (int) Math.min(MAX_WAIT_MILLIS,
                    Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextProbe - System.nanoTime())));
            PGNotification[] notifications = postgres.getNotifications(wait);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    listener.ownerChanged(notification.getParameter());
                }
            }
            if (System.nanoTime() - nextProbe >= 0) {
                try (Statement probe = connection.createStatement()) {
                    probe.execute("SELECT 1");
                }
                nextProbe = System.nanoTime() + probeNanos;
            }
        }
    }

    private void pause() {
        if (!running) {
            return;
        }
        try {
            Thread.sleep(retryAfter.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

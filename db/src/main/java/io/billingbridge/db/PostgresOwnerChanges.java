package io.billingbridge.db;

import io.billingbridge.core.snapshot.OwnerChangeListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed of owner changes, from PostgreSQL: one connection of its own that {@code LISTEN}s on the channel the
 * database's triggers announce every committed change to an account or snapshot on (migration V14), and passes each
 * owner key to the listener.
 *
 * <p>The listener is told the feed is live only once a notification sent through another connection arrived on
 * this one (so a database reached through a pooler in transaction mode, which cannot deliver notifications, never
 * goes live), and lost as soon as the connection fails, a probe query on it does not answer, or the feed stops; it
 * then reconnects after {@code retryAfter}. A connection that silently died is found by the probe (every
 * {@code probeEvery}; the connection's own socket timeout bounds the probe).
 */
public final class PostgresOwnerChanges implements AutoCloseable {
    /** The channel the triggers announce on. */
    public static final String CHANNEL = "billing_owner";

    /** The longest one wait for notifications blocks, so that {@link #close()} is prompt. */
    private static final long MAX_WAIT_MILLIS = 250;

    /** How long the first notification through another connection may take to arrive. */
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(5);
    /** How often a feed that cannot go live says so again. */
    private static final Duration REPEAT_WARNING = Duration.ofMinutes(10);
    /** The payload prefix of the feed's own delivery checks, never an owner key. */
    private static final String PING = "ping:";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresOwnerChanges.class);

    private final ConnectionSource connections;
    private final OwnerChangeListener listener;
    private final Duration probeEvery;
    private final Duration retryAfter;
    private final AtomicLong pingsHeard = new AtomicLong();
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

    /**
     * How many delivery checks this feed heard: its own when it connects, and any sent to the channel with a payload
     * starting {@code ping:} (by an operator, to see every replica hear it, or by a test, as a barrier: notifications
     * arrive in commit order, so once a check sent after a change is heard, the change was too).
     */
    public long pingsHeard() {
        return pingsHeard.get();
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
        long quietUntil = System.nanoTime();
        try {
            while (running) {
                try (Connection connection = connections.open()) {
                    listen(connection, wasLive);
                } catch (SQLException | RuntimeException e) {
                    listener.feedLost();
                    if (running && e instanceof NotDelivered && System.nanoTime() - quietUntil >= 0) {
                        LOG.warn("owner change feed not live: {}; billing reads go to the database", e.getMessage());
                        quietUntil = System.nanoTime() + REPEAT_WARNING.toNanos();
                    } else if (running && !(e instanceof NotDelivered)) {
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
        awaitDelivery(postgres);
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
                    if (notification.getParameter().startsWith(PING)) {
                        pingsHeard.incrementAndGet();
                    } else {
                        listener.ownerChanged(notification.getParameter());
                    }
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

    /**
     * Sends a notification through a connection of its own and waits for it here: proof that every instance's
     * changes reach this connection.
     *
     * @throws NotDelivered when it does not arrive within {@link #DELIVERY_WAIT}
     */
    private void awaitDelivery(PGConnection postgres) throws SQLException {
        String ping = PING + UUID.randomUUID();
        try (Connection other = connections.open();
                PreparedStatement notify = other.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, ping);
            notify.execute();
        }
        long deadline = System.nanoTime() + DELIVERY_WAIT.toNanos();
        while (running && System.nanoTime() - deadline < 0) {
            PGNotification[] notifications = postgres.getNotifications((int) MAX_WAIT_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    if (notification.getParameter().startsWith(PING)) {
                        pingsHeard.incrementAndGet();
                    }
                    if (notification.getParameter().equals(ping)) {
                        return;
                    }
                }
            }
        }
        throw new NotDelivered();
    }

    /** A notification sent through one connection never arrived on the listening one. */
    static final class NotDelivered extends SQLException {
        private static final long serialVersionUID = 1L;

        NotDelivered() {
            super("a notification sent through another connection did not arrive within "
                    + DELIVERY_WAIT.toSeconds() + " s (a pooler in transaction mode cannot deliver them: connect "
                    + "directly or in session mode, or set database.readCache.maxOwners: 0)");
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

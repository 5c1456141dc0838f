package io.billingbridge.server.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real embedded PostgreSQL of its own that a test can stop and start again: the same port, the same data
 * directory, so everything committed before the stop is there after the start (zonky stops it with
 * {@code pg_ctl stop -m fast}: open sessions are terminated, committed work is flushed).
 */
final class RestartablePostgres implements AutoCloseable {
    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres running;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Initialises a data directory and starts PostgreSQL on a free loopback port. */
    static RestartablePostgres start() {
        try {
            RestartablePostgres postgres = new RestartablePostgres(Files.createTempDirectory("billing-bridge-pg-"),
                    freePort());
            postgres.startAgain();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** Stops PostgreSQL (fast shutdown) and waits until it is down. */
    synchronized void stop() {
        if (running == null) {
            return;
        }
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop", e);
        }
        running = null;
    }

    /** Starts PostgreSQL on the same port and data directory and waits until it accepts connections. */
    synchronized void startAgain() {
        if (running != null) {
            return;
        }
        try {
            running = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start again", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops PostgreSQL and deletes its data directory. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

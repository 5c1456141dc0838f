package io.billingbridge.server.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A minimal HTTP/1.1 keep-alive client for benchmarks: it writes prepared request bytes and reads each response's
 * status, headers and {@code Content-Length} body, so a load generator sharing the machine with the server costs it
 * little. It refuses what it does not understand (no {@code Content-Length}, a closed connection) rather than guess.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawHttp(URI uri) throws IOException {
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    /**
     * Sends each client's requests over its own connection, all clients at once, and answers the requests per
     * second over the whole run.
     *
     * @throws AssertionError if any answer is not 200
     */
    static double postAll(URI uri, List<List<byte[]>> requestsPerClient) throws Exception {
        return postAll(uri, requestsPerClient, 200);
    }

    /**
     * As {@link #postAll(URI, List)}, every answer expected to be {@code expected}.
     *
     * @throws AssertionError if any answer is not {@code expected}
     */
    static double postAll(URI uri, List<List<byte[]>> requestsPerClient, int expected) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requestsPerClient.size());
        try {
            List<RawHttp> connections = new ArrayList<>();
            for (int c = 0; c < requestsPerClient.size(); c++) {
                connections.add(new RawHttp(uri));
            }
            long start = System.nanoTime();
            List<Future<Integer>> futures = new ArrayList<>();
            for (int c = 0; c < requestsPerClient.size(); c++) {
                RawHttp connection = connections.get(c);
                List<byte[]> requests = requestsPerClient.get(c);
                futures.add(pool.submit(() -> {
                    try (connection) {
                        int bad = 0;
                        for (byte[] request : requests) {
                            if (connection.send(request) != expected) {
                                bad++;
                            }
                        }
                        return bad;
                    }
                }));
            }
            int bad = 0;
            int sent = 0;
            for (int c = 0; c < futures.size(); c++) {
                bad += futures.get(c).get();
                sent += requestsPerClient.get(c).size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (bad > 0) {
                throw new AssertionError(bad + " of " + sent + " requests were not answered " + expected);
            }
            return sent / seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes one request and reads its whole response; the status code. */
    int send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int length = -1;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                throw new IOException("the server closed the keep-alive connection");
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length");
        }
        if (in.readNBytes(length).length != length) {
            throw new IOException("response body cut short");
        }
        return Integer.parseInt(status.substring(9, 12));
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package io.billingbridge.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of clients that send a request's headers and then trickle its body, one byte a second, to the Stripe
 * webhook (whose body is read) and to an endpoint that refuses them unauthenticated (whose body is not): the
 * server must keep answering others and cut every one of them within seconds.
 */
class SlowUploadSystemTest {
    private static final int SLOW_CLIENTS = 300;
    private static final int DECLARED_LENGTH = 200_000;
    private static final String WEBHOOK = "/v1/webhooks/stripe";
    private static final String REFUSED = "/v1/billing/checkout-sessions";
    private static SystemUnderTest system;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void slowUploadsAreCutAndOtherRequestsKeepBeingAnswered() throws Exception {
        URI base = URI.create(system.baseUrl(0));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest normalRead = HttpRequest.newBuilder(base.resolve("/openapi.json")).timeout(Duration.ofSeconds(2))
                .build();
        assertThat(http.send(normalRead, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        List<SlowClient> clients = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                clients.add(SlowClient.open(base, i % 2 == 0 ? WEBHOOK : REFUSED));
            }
            trickle.scheduleAtFixedRate(() -> clients.forEach(SlowClient::sendOneByte), 1, 1, TimeUnit.SECONDS);

            long started = System.nanoTime();
            HttpResponse<String> normal = http.send(normalRead, HttpResponse.BodyHandlers.ofString());
            assertThat(normal.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

            SystemUnderTest.await("every slow upload cut by the server", Duration.ofSeconds(15),
                    () -> clients.stream().allMatch(SlowClient::cut));
            assertThat(clients).filteredOn(client -> client.path.equals(REFUSED)).isNotEmpty()
                    .as("refused without waiting for the body, and told the connection closes")
                    .allSatisfy(client -> assertThat(client.answer()).startsWith("HTTP/1.1 401")
                            .containsIgnoringCase("Connection: close"));
        } finally {
            trickle.shutdownNow();
            assertThat(trickle.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            clients.forEach(SlowClient::close);
        }
    }

    /**
     * A client that declares a large body and sends it one byte at a time, keeping what the server answered; cut
     * once a write fails.
     */
    private static final class SlowClient {
        private final String path;
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final StringBuilder answer = new StringBuilder();
        private volatile boolean cut;

        private SlowClient(String path, Socket socket) throws IOException {
            this.path = path;
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = socket.getInputStream();
        }

        static SlowClient open(URI base, String path) {
            try {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
                SlowClient client = new SlowClient(path, socket);
                client.out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getAuthority()
                        + "\r\nContent-Type: application/json\r\nStripe-Signature: t=1,v1=00\r\nContent-Length: "
                        + DECLARED_LENGTH + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                client.out.flush();
                return client;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Keeps what the server has answered so far, without waiting, then sends one more byte of the body; a
         * closed or reset connection makes the write fail, once or twice after.
         */
        void sendOneByte() {
            if (cut) {
                return;
            }
            try {
                int available = in.available();
                if (available > 0) {
                    byte[] arrived = new byte[available];
                    int n = in.read(arrived);
                    synchronized (answer) {
                        answer.append(new String(arrived, 0, Math.max(n, 0), StandardCharsets.US_ASCII));
                    }
                }
                out.write(' ');
                out.flush();
            } catch (IOException e) {
                cut = true;
            }
        }

        boolean cut() {
            return cut;
        }

        String answer() {
            synchronized (answer) {
                return answer.toString();
            }
        }

        @Override
        public String toString() {
            String answered = answer();
            return path + (answered.isEmpty() ? " (no answer)" : " answered " + answered.lines().findFirst().orElse(""));
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}

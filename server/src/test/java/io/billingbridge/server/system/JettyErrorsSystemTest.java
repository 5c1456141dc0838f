package io.billingbridge.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Errors Jetty makes before or around the application (ambiguous URIs, oversized headers, TRACE, paths no servlet
 * serves on the admin port, files the browser client does not have) answer in the API's error shape with a Request-Id, like every other error: no HTML,
 * no Jetty version.
 */
@Timeout(120)
class JettyErrorsSystemTest {
    private static SystemUnderTest system;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    /** A reply read off a raw socket: status, headers (lower-case names), body. */
    private record RawReply(int status, Map<String, String> headers, String body) {
        JsonNode error() {
            try {
                return SystemUnderTest.JSON.readTree(body).get("error");
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** Sends {@code head} (request line and headers, without the blank line) as is and reads the whole reply. */
    private static RawReply raw(String baseUrl, String head) {
        URI base = URI.create(baseUrl);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), base.getPort())) {
            socket.setSoTimeout(30_000);
            String request = head + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String reply = readAll(socket.getInputStream());
            int split = reply.indexOf("\r\n\r\n");
            String[] lines = reply.substring(0, split).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new RawReply(Integer.parseInt(lines[0].split(" ")[1]), headers, reply.substring(split + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertJsonError(RawReply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.headers().get("content-type")).as(reply.body()).startsWith("application/json");
        assertThat(reply.headers().get("request-id")).as("Request-Id of a %d", status).startsWith("req_");
        assertThat(reply.body()).doesNotContainIgnoringCase("jetty").doesNotContainIgnoringCase("<html");
        assertThat(reply.headers().getOrDefault("server", "")).doesNotContainIgnoringCase("jetty");
        JsonNode error = reply.error();
        assertThat(error).as(reply.body()).isNotNull();
        assertThat(error.get("type").asText()).isEqualTo(status >= 500 ? "api_error" : "invalid_request_error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").isTextual()).isTrue();
    }

    @Test
    void emptySegmentInThePathIsAJsonBadRequest() {
        assertJsonError(raw(system.baseUrl(0), "GET //v1/billing/customer?owner=user HTTP/1.1"), 400, "bad_request");
    }

    @Test
    void encodedSlashInThePathIsAJsonBadRequest() {
        assertJsonError(raw(system.baseUrl(0), "GET /v1/billing%2Fcustomer HTTP/1.1"), 400, "bad_request");
    }

    @Test
    void headersOverTheLimitAreAJson431() {
        String big = "X-Padding: " + "a".repeat(10_000);
        assertJsonError(raw(system.baseUrl(0), "GET /v1/billing/prices?owner=user HTTP/1.1\r\n" + big), 431,
                "headers_too_large");
    }

    @Test
    void traceIsAJsonMethodNotAllowed() {
        assertJsonError(raw(system.baseUrl(0), "TRACE /v1/billing/prices HTTP/1.1"), 405, "method_not_allowed");
    }

    @Test
    void unknownPathOnTheAdminPortIsAJsonNotFound() {
        assertJsonError(raw(system.adminUrl(0), "GET /no-such-page HTTP/1.1"), 404, "not_found");
    }

    @Test
    void missingFileUnderTheBrowserClientIsAJsonNotFound() {
        assertJsonError(raw(system.baseUrl(0), "GET /client/no-such-file.js HTTP/1.1"), 404, "not_found");
    }

    @Test
    void theBrowserClientDirectoryItselfIsAJsonNotFound() {
        assertJsonError(raw(system.baseUrl(0), "GET /client/ HTTP/1.1"), 404, "not_found");
    }

    @Test
    void browserClientFilesAreStillServedWithTheirTypeAndValidators() {
        RawReply reply = raw(system.baseUrl(0), "GET /client/billing-bridge.js HTTP/1.1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().get("content-type")).isEqualTo("text/javascript;charset=utf-8");
        assertThat(reply.headers()).containsKeys("etag", "last-modified");
        assertThat(reply.body()).contains("function");
        RawReply unchanged = raw(system.baseUrl(0),
                "GET /client/billing-bridge.js HTTP/1.1\r\nIf-None-Match: " + reply.headers().get("etag"));
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
    }

    @Test
    void theServerHeaderDoesNotNameJetty() {
        RawReply reply = raw(system.baseUrl(0), "GET /openapi.json HTTP/1.1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().getOrDefault("server", "")).doesNotContainIgnoringCase("jetty");
    }
}

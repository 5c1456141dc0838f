package io.billingbridge.console.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The admin API over HTTP (java.net.http and Jackson): the only class of the console that knows URLs.
 *
 * <p>Unknown JSON fields are ignored, so a newer server does not break an older console. The token is sent in the
 * {@code Authorization} header and appears nowhere else: not in {@link #toString()}, not in an exception.
 */
public final class HttpAdminApi implements AdminApi {

    /** How long a call may take before the console gives up on it, unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<Page<AccountHit>> HITS = new TypeReference<>() { };
    private static final TypeReference<Page<WebhookEvent>> EVENTS = new TypeReference<>() { };
    private static final TypeReference<Page<AuditEntry>> AUDIT = new TypeReference<>() { };
    private static final TypeReference<Page<AppEventDelivery>> APP_EVENTS = new TypeReference<>() { };

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * An API client for the server at {@code serverUrl}; {@code /admin/v1} is added unless the URL already ends
     * with it.
     */
    public HttpAdminApi(URI serverUrl, String token, Duration timeout) {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(token, "token");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        String scheme = serverUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || serverUrl.getHost() == null) {
            throw new IllegalArgumentException("The server URL must start with http:// or https:// and name a host.");
        }
        if (token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("The token must be one word of printable characters.");
        }
        String url = serverUrl.toString().replaceAll("/+$", "");
        this.base = URI.create(url.endsWith("/admin/v1") ? url : url + "/admin/v1");
        this.token = token;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A factory of clients with the given timeout per call. */
    public static AdminApiFactory factory(Duration timeout) {
        return (serverUrl, token) -> new HttpAdminApi(serverUrl, token, timeout);
    }

    @Override
    public Me me() throws AdminApiException {
        return read(get("/me"), Me.class);
    }

    @Override
    public Overview overview() throws AdminApiException {
        return read(get("/overview"), Overview.class);
    }

    @Override
    public Page<AccountHit> searchAccounts(String query, int limit, String cursor) throws AdminApiException {
        return read(get("/accounts" + query("cursor", cursor, "limit", Integer.toString(limit),
                "q", query == null ? "" : query)), HITS);
    }

    @Override
    public AccountDetails account(Owner owner) throws AdminApiException {
        return read(get(ownerPath(owner)), AccountDetails.class);
    }

    @Override
    public AccountDetails resync(Owner owner) throws AdminApiException {
        return read(post(ownerPath(owner) + "/sync", "{}"), AccountDetails.class);
    }

    @Override
    public AccountDetails relink(Owner owner, String customer) throws AdminApiException {
        Objects.requireNonNull(customer, "customer");
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("customer", customer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a one-field JSON object did not serialize", e);
        }
        return read(post(ownerPath(owner) + "/relink", body), AccountDetails.class);
    }

    @Override
    public AccountDetails pushProfile(Owner owner) throws AdminApiException {
        return read(post(ownerPath(owner) + "/push-profile", "{}"), AccountDetails.class);
    }

    @Override
    public Page<WebhookEvent> ownerEvents(Owner owner, int limit, String cursor) throws AdminApiException {
        return read(get(ownerPath(owner) + "/events" + query("cursor", cursor, "limit", Integer.toString(limit))),
                EVENTS);
    }

    @Override
    public Page<AuditEntry> ownerAudit(Owner owner, int limit, String cursor) throws AdminApiException {
        return read(get(ownerPath(owner) + "/audit" + query("cursor", cursor, "limit", Integer.toString(limit))),
                AUDIT);
    }

    @Override
    public List<WebhookEvent> webhookEvents(String status, int limit) throws AdminApiException {
        return read(get("/webhook-events" + query("limit", Integer.toString(limit), "status", status)),
                EVENTS).data();
    }

    @Override
    public RetryScheduled retry(String source, String eventId) throws AdminApiException {
        return read(post("/webhook-events/" + segment(source) + "/" + segment(eventId) + "/retry", "{}"),
                RetryScheduled.class);
    }

    @Override
    public Page<AppEventDelivery> appEvents(Owner owner, int limit, String cursor) throws AdminApiException {
        return read(get("/app-events" + query("ownerType", owner.type(), "ownerId", owner.id(), "cursor", cursor,
                "limit", Integer.toString(limit))), APP_EVENTS);
    }

    @Override
    public AppEventRetry retryAppEvent(String eventId, String endpoint) throws AdminApiException {
        Objects.requireNonNull(endpoint, "endpoint");
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("endpoint", endpoint));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a one-field JSON object did not serialize", e);
        }
        return read(post("/app-events/" + segment(eventId) + "/retry", body), AppEventRetry.class);
    }

    @Override
    public List<AuditEntry> audit(int limit) throws AdminApiException {
        return read(get("/audit" + query("limit", Integer.toString(limit))), AUDIT).data();
    }

    @Override
    public String toString() {
        return "HttpAdminApi[" + base + "]";
    }

    private static String ownerPath(Owner owner) {
        return "/accounts/" + segment(owner.type()) + "/" + segment(owner.id());
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The query string of {@code name, value} pairs, leaving out the null values ({@code q=} is sent empty). */
    private static String query(String... namesAndValues) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                joined.add(namesAndValues[i] + "=" + segment(namesAndValues[i + 1]));
            }
        }
        return joined.toString();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest post(String path, String json) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private <T> T read(HttpRequest request, Class<T> type) throws AdminApiException {
        String body = send(request);
        try {
            return JSON.readValue(body, type);
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(type.getSimpleName());
        }
    }

    private <T> T read(HttpRequest request, TypeReference<T> type) throws AdminApiException {
        String body = send(request);
        try {
            return JSON.readValue(body, type);
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable("list");
        }
    }

    private static AdminApiException unreadable(String what) {
        return new AdminApiException(200, "unexpected_response",
                "The server's answer was not the expected " + what + "; is this a Billing Bridge server of this"
                        + " console's version?", null);
    }

    /** Sends the request and answers the body of a 2xx response; anything else becomes an {@link AdminApiException}. */
    private String send(HttpRequest request) throws AdminApiException {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new AdminApiException(AdminApiException.NO_RESPONSE, "timeout",
                    "The server did not answer within " + timeout.toSeconds() + " s.", null);
        } catch (IOException e) {
            throw new AdminApiException(AdminApiException.NO_RESPONSE, "unreachable",
                    "Cannot reach the server at " + base.getScheme() + "://" + base.getAuthority()
                            + " (is it running, and is the URL right?).", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminApiException(AdminApiException.NO_RESPONSE, "cancelled", "The call was cancelled.", null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        String requestId = response.headers().firstValue("Request-Id").orElse(null);
        throw errorOf(status, response.body(), requestId);
    }

    private static AdminApiException errorOf(int status, String body, String requestId) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.path("code").isTextual() && error.path("message").isTextual()) {
                return new AdminApiException(status, error.get("code").asText(), error.get("message").asText(),
                        requestId);
            }
        } catch (IOException | RuntimeException notJson) {
            // Not the API's error shape (a proxy's page, an empty body): described below by status alone.
        }
        return new AdminApiException(status, "http_" + status,
                "The server answered HTTP " + status + " without an error message.", requestId);
    }
}

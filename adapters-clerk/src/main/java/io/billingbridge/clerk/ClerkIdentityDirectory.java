package io.billingbridge.clerk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.OwnerNotFound;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.identity.IdentityDirectory;
import io.billingbridge.core.identity.Membership;
import io.billingbridge.core.identity.OrganizationProfile;
import io.billingbridge.core.identity.UserProfile;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core {@link IdentityDirectory} over Clerk's Backend API (java.net.http and Jackson).
 *
 * <p>Retries 5xx and network failures with exponential backoff and 429 after its {@code Retry-After} (when
 * within {@link ClerkBackendConfig#maxRetryAfter()}); what still fails becomes {@link ProviderUnavailable} with
 * Clerk's trace id. A 404 is an empty result, or {@link OwnerNotFound} for writes and membership lists.
 */
public final class ClerkIdentityDirectory implements IdentityDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(ClerkIdentityDirectory.class);
    private static final String PROVIDER = "clerk";
    private static final int MEMBERSHIP_PAGE = 100;
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private final ClerkBackendConfig config;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final String base;

    /** Waits between attempts; tests replace it to stay fast. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A client for this configuration. */
    public ClerkIdentityDirectory(ClerkBackendConfig config) {
        this(config, HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build(), d -> Thread.sleep(d.toMillis()));
    }

    ClerkIdentityDirectory(ClerkBackendConfig config, HttpClient http, Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.base = config.apiUrl().toString().replaceAll("/+$", "");
    }

    @Override
    public Optional<UserProfile> findUser(UserId id) {
        return get("/v1/users/" + id.value()).map(n -> read(n, ClerkJson::user));
    }

    @Override
    public Optional<OrganizationProfile> findOrganization(OrganizationId id) {
        return get("/v1/organizations/" + id.value() + "?include_members_count=true")
                .map(n -> read(n, ClerkJson::organization));
    }

    @Override
    public List<Membership> memberships(OrganizationId id) {
        List<Membership> all = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode page = get("/v1/organizations/" + id.value() + "/memberships?limit=" + MEMBERSHIP_PAGE
                    + "&offset=" + offset)
                    .orElseThrow(() -> new OwnerNotFound("The organization does not exist."));
            JsonNode data = page.path("data");
            for (JsonNode m : data) {
                all.add(read(m, n -> ClerkJson.membership(n, Optional.of(id))));
            }
            offset += data.size();
            if (data.size() == 0 || offset >= page.path("total_count").asInt(0)) {
                return all;
            }
        }
    }

    @Override
    public List<UserProfile> users(int offset, int limit) {
        checkPage(offset, limit);
        JsonNode array = get("/v1/users?limit=" + limit + "&offset=" + offset + "&order_by=%2Bcreated_at")
                .orElseThrow(() -> unavailable(null, DEFAULT_RETRY_AFTER, null));
        List<UserProfile> users = new ArrayList<>();
        for (JsonNode u : array) {
            users.add(read(u, ClerkJson::user));
        }
        return users;
    }

    @Override
    public long userCount() {
        return get("/v1/users/count").orElseThrow(() -> unavailable(null, DEFAULT_RETRY_AFTER, null))
                .path("total_count").asLong();
    }

    @Override
    public long organizationCount() {
        return get("/v1/organizations?limit=1").orElseThrow(() -> unavailable(null, DEFAULT_RETRY_AFTER, null))
                .path("total_count").asLong();
    }

    @Override
    public List<OrganizationProfile> organizations(int offset, int limit) {
        checkPage(offset, limit);
        JsonNode page = get("/v1/organizations?limit=" + limit + "&offset=" + offset
                + "&order_by=%2Bcreated_at&include_members_count=true")
                .orElseThrow(() -> unavailable(null, DEFAULT_RETRY_AFTER, null));
        List<OrganizationProfile> organizations = new ArrayList<>();
        for (JsonNode o : page.path("data")) {
            organizations.add(read(o, ClerkJson::organization));
        }
        return organizations;
    }

    @Override
    public void mergePublicMetadata(Owner owner, Map<String, Object> metadata) {
        String path = switch (owner.type()) {
            case USER -> "/v1/users/" + owner.id() + "/metadata";
            case ORGANIZATION -> "/v1/organizations/" + owner.id() + "/metadata";
        };
        Map<String, Object> body = new HashMap<>();
        body.put("public_metadata", metadata);
        String json;
        try {
            json = ClerkJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequest("invalid_metadata", "The metadata cannot be written as JSON.");
        }
        if (call("PATCH", path, json).isEmpty()) {
            throw new OwnerNotFound("The " + owner.type().wireName() + " does not exist.");
        }
    }

    private static void checkPage(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw new IllegalArgumentException("offset must be >= 0 and limit 1-500");
        }
    }

    private Optional<JsonNode> get(String pathAndQuery) {
        return call("GET", pathAndQuery, null);
    }

    /** The parsed body, or empty on 404; retries as configured; throws core exceptions otherwise. */
    private Optional<JsonNode> call(String method, String pathAndQuery, String jsonBody) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + config.secretKey())
                .header("Accept", "application/json");
        if (jsonBody == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        HttpRequest request = builder.build();
        for (int attempt = 0; ; attempt++) {
            boolean last = attempt >= config.maxRetries();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                LOG.info("Clerk {} {} failed on attempt {}: {}", method, path, attempt + 1, e.getClass().getSimpleName());
                if (last) {
                    throw unavailable(null, DEFAULT_RETRY_AFTER, e);
                }
                pause(backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable(null, DEFAULT_RETRY_AFTER, e);
            }
            int status = response.statusCode();
            String requestId = requestId(response);
            if (status >= 200 && status < 300) {
                LOG.debug("Clerk {} {} -> {} (request {})", method, path, status, requestId);
                try {
                    return Optional.of(ClerkJson.MAPPER.readTree(response.body()));
                } catch (JsonProcessingException e) {
                    LOG.warn("Clerk {} {} returned unreadable JSON (request {})", method, path, requestId);
                    throw unavailable(requestId, DEFAULT_RETRY_AFTER, null);
                }
            }
            if (status == 404) {
                LOG.debug("Clerk {} {} -> 404 (request {})", method, path, requestId);
                return Optional.empty();
            }
            if (status == 429) {
                Duration retryAfter = retryAfter(response).orElse(backoff(attempt));
                LOG.info("Clerk {} {} rate-limited, retry after {} (request {})", method, path, retryAfter, requestId);
                if (last || retryAfter.compareTo(config.maxRetryAfter()) > 0) {
                    throw unavailable(requestId, retryAfter, null);
                }
                pause(retryAfter);
                continue;
            }
            if (status >= 500) {
                LOG.info("Clerk {} {} -> {} on attempt {} (request {})", method, path, status, attempt + 1, requestId);
                if (last) {
                    throw unavailable(requestId, DEFAULT_RETRY_AFTER, null);
                }
                pause(backoff(attempt));
                continue;
            }
            if (status == 401 || status == 403) {
                LOG.error("Clerk refused the secret key: {} {} -> {} (request {})", method, path, status, requestId);
                throw unavailable(requestId, DEFAULT_RETRY_AFTER, null);
            }
            LOG.warn("Clerk rejected {} {} with {} (request {})", method, path, status, requestId);
            throw new InvalidRequest("identity_request_rejected", "The identity provider rejected the request.");
        }
    }

    private static <T> T read(JsonNode node, java.util.function.Function<JsonNode, T> reader) {
        try {
            return reader.apply(node);
        } catch (IllegalArgumentException e) {
            LOG.warn("Clerk returned an object that cannot be read: {}", e.getMessage());
            throw new ProviderUnavailable(PROVIDER, null, DEFAULT_RETRY_AFTER, e);
        }
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(null, DEFAULT_RETRY_AFTER, e);
        }
    }

    /** Exponential backoff with jitter: between half and all of {@code initial * 2^attempt}, capped. */
    private Duration backoff(int attempt) {
        long ceiling = Math.min(config.maxBackoff().toMillis(),
                config.initialBackoff().toMillis() * (1L << Math.min(attempt, 20)));
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
    }

    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(header.get());
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(config.clock().instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /** Clerk's trace id from the error body, else from the response headers. */
    private static String requestId(HttpResponse<String> response) {
        if (response.statusCode() >= 400) {
            try {
                JsonNode body = ClerkJson.MAPPER.readTree(response.body());
                if (body != null && body.path("clerk_trace_id").isTextual()) {
                    return body.get("clerk_trace_id").asText();
                }
            } catch (JsonProcessingException e) {
                LOG.debug("Clerk error body is not JSON");
            }
        }
        return response.headers().firstValue("X-Clerk-Trace-Id")
                .or(() -> response.headers().firstValue("X-Request-Id")).orElse(null);
    }

    private static ProviderUnavailable unavailable(String requestId, Duration retryAfter, Throwable cause) {
        return new ProviderUnavailable(PROVIDER, requestId, retryAfter, cause);
    }
}

package io.billingbridge.server;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.billingbridge.core.events.EventEndpoint;
import io.billingbridge.core.events.EventType;
import io.billingbridge.core.events.SigningSecret;
import io.dropwizard.util.Duration;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * {@code events:} the application's endpoints that receive signed events (Standard Webhooks); none by default, and
 * then no event is recorded. Each signing secret comes from the environment variable its {@code secretEnv} names,
 * never from the file.
 *
 * <pre>
 * events:
 *   timeout: 10s
 *   endpoints:
 *     - url: https://app.example.com/billing-events
 *       secretEnv: BILLING_EVENTS_SECRET
 *       types: [billing.updated]
 * </pre>
 */
public class EventsSection {
    /** The longest {@code timeout}: an attempt, connecting included, stays under half an endpoint lease. */
    static final java.time.Duration MAX_TIMEOUT = java.time.Duration.ofSeconds(20);
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    @JsonProperty
    private List<EndpointSection> endpoints = new ArrayList<>();

    /** Secrets given by the program that runs the server (the demo generates its own), by variable name. */
    @JsonIgnore
    private final Map<String, String> providedSecrets = new HashMap<>();

    /** How long a receiver has to answer one delivery; connecting takes at most 5 s more. */
    @JsonProperty
    private Duration timeout = Duration.seconds(10);

    /** One endpoint: its URL, the environment variable holding its {@code whsec_...} secret, its event types. */
    public static class EndpointSection {
        @JsonProperty
        private String url;

        @JsonProperty
        private String secretEnv;

        @JsonProperty
        private List<String> types = new ArrayList<>();

        public EndpointSection() {
        }

        public EndpointSection(String url, String secretEnv, List<String> types) {
            this.url = url;
            this.secretEnv = secretEnv;
            this.types = types;
        }
    }

    public void setEndpoints(List<EndpointSection> endpoints) {
        this.endpoints = endpoints;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Answers {@code variable} with {@code secret} instead of the environment: for a program that generates the
     * secret itself and prints it, as {@code demo --events-url} does; never read from the configuration file.
     */
    public void provideSecret(String variable, String secret) {
        providedSecrets.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(secret, "secret"));
    }

    /** How long a receiver has to answer. */
    java.time.Duration timeout() {
        java.time.Duration parsed = timeout == null ? null : timeout.toJavaDuration();
        if (parsed == null || parsed.isNegative() || parsed.isZero() || parsed.compareTo(MAX_TIMEOUT) > 0) {
            throw new StartupProblem("events.timeout: must be more than 0 and at most " + MAX_TIMEOUT.toSeconds()
                    + "s");
        }
        return parsed;
    }

    /**
     * The configured endpoints, with their secrets read through {@code environment} (a variable's value, or null)
     * unless {@linkplain #provideSecret provided}.
     *
     * @throws StartupProblem naming the first endpoint and key that is wrong, never a secret or a URL
     */
    public List<EventEndpoint> endpoints(UnaryOperator<String> environment) {
        List<EventEndpoint> parsed = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        List<EndpointSection> listed = endpoints == null ? List.of() : endpoints;
        for (int i = 0; i < listed.size(); i++) {
            String key = "events.endpoints[" + i + "]";
            EndpointSection endpoint = listed.get(i);
            if (endpoint == null) {
                throw new StartupProblem(key + ": must have url, secretEnv and types");
            }
            URI url = url(key, endpoint.url);
            Set<EventType> types = types(key, endpoint.types);
            SigningSecret secret = secret(key, endpoint.secretEnv,
                    name -> providedSecrets.containsKey(name) ? providedSecrets.get(name) : environment.apply(name));
            try {
                parsed.add(new EventEndpoint(url, secret, types));
            } catch (IllegalArgumentException e) {
                throw new StartupProblem(key + ".url: " + e.getMessage());
            }
            if (!seen.add(url)) {
                throw new StartupProblem(key + ".url: is listed twice");
            }
        }
        return List.copyOf(parsed);
    }

    private static URI url(String key, String url) {
        if (url == null || url.isBlank()) {
            throw new StartupProblem(key + ".url: must be set");
        }
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new StartupProblem(key + ".url: is not a URL");
        }
    }

    private static Set<EventType> types(String key, List<String> types) {
        if (types == null || types.isEmpty()) {
            throw new StartupProblem(key + ".types: must list at least one of " + known());
        }
        Set<EventType> parsed = EnumSet.noneOf(EventType.class);
        for (String type : types) {
            parsed.add(EventType.fromWireName(type == null ? "" : type.trim()).orElseThrow(() -> new StartupProblem(
                    key + ".types: '" + type + "' is not one of " + known())));
        }
        return parsed;
    }

    private static SigningSecret secret(String key, String variable, UnaryOperator<String> environment) {
        if (variable == null || !VARIABLE.matcher(variable.trim()).matches()) {
            throw new StartupProblem(key + ".secretEnv: must name the environment variable holding the whsec_ secret");
        }
        String value = environment.apply(variable.trim());
        if (value == null || value.isBlank()) {
            throw new StartupProblem(key + ".secretEnv: the environment variable " + variable.trim() + " is not set");
        }
        try {
            return SigningSecret.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new StartupProblem(key + ".secretEnv: " + variable.trim() + " does not hold a signing secret ("
                    + e.getMessage() + ")");
        }
    }

    private static List<String> known() {
        return Arrays.stream(EventType.values()).map(EventType::wireName).toList();
    }
}

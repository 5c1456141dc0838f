package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.events.EventEndpoint;
import io.billingbridge.core.events.EventType;
import io.billingbridge.core.events.SigningSecret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** {@code events:} reaches core as written, defaults to no endpoints, and refuses bad values in one line. */
class EventsSectionTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final UnaryOperator<String> ENV = Map.of("BILLING_EVENTS_SECRET", SECRET)::get;

    private static EventsSection parse(String yaml) throws Exception {
        return ConfigurationFiles.parse(yaml).getEvents();
    }

    @Test
    void noEventsSectionMeansNoEndpoints() throws Exception {
        assertThat(parse("billing: {}\n").endpoints(name -> null)).isEmpty();
    }

    @Test
    void anEndpointIsReadWithItsSecretFromTheNamedVariable() throws Exception {
        EventsSection events = parse("events:\n  timeout: 3s\n  endpoints:\n"
                + "    - url: https://app.example.com/billing-events\n      secretEnv: BILLING_EVENTS_SECRET\n"
                + "      types: [billing.updated]\n");

        assertThat(events.endpoints(ENV)).containsExactly(new EventEndpoint(
                URI.create("https://app.example.com/billing-events"), SigningSecret.parse(SECRET),
                Set.of(EventType.BILLING_UPDATED)));
        assertThat(events.timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void eachMistakeIsOneLineNamingTheKeyWithoutTheSecretOrUrl() throws Exception {
        String endpoint = "events:\n  endpoints:\n    - url: %s\n      secretEnv: %s\n      types: [%s]\n";
        Map<String, String> cases = Map.of(
                endpoint.formatted("https://app.example.com/e", "MISSING_SECRET", "billing.updated"),
                "events.endpoints[0].secretEnv: the environment variable MISSING_SECRET is not set",
                endpoint.formatted("https://app.example.com/e", "BILLING_EVENTS_SECRET", "invoice.paid"),
                "events.endpoints[0].types: 'invoice.paid' is not one of [billing.updated, checkout.completed, "
                        + "payment.failed, payment.action_required, trial.will_end, usage.rejected]",
                endpoint.formatted("'ftp://user:pw@app.example.com/e'", "BILLING_EVENTS_SECRET", "billing.updated"),
                "events.endpoints[0].url: an endpoint url is an absolute http(s) URL with a host, without user "
                        + "info or fragment",
                endpoint.formatted("'https://app example'", "BILLING_EVENTS_SECRET", "billing.updated"),
                "events.endpoints[0].url: is not a URL",
                endpoint.formatted("https://app.example.com/e", "WEAK_SECRET", "billing.updated"),
                "events.endpoints[0].secretEnv: WEAK_SECRET does not hold a signing secret (a signing secret "
                        + "starts with whsec_)");
        UnaryOperator<String> env = Map.of("BILLING_EVENTS_SECRET", SECRET, "WEAK_SECRET", "hunter2")::get;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertThatThrownBy(() -> parse(c.getKey()).endpoints(env)).as(c.getKey())
                    .isInstanceOf(StartupProblem.class).hasMessage(c.getValue());
        }
    }

    @Test
    void aProvidedSecretIsUsedInsteadOfTheEnvironmentForItsVariableOnly() throws Exception {
        EventsSection events = parse("events:\n  endpoints:\n"
                + "    - {url: 'https://app.example.com/e', secretEnv: DEMO_SECRET, types: [usage.rejected]}\n");
        assertThatThrownBy(() -> events.endpoints(ENV)).isInstanceOf(StartupProblem.class);

        events.provideSecret("DEMO_SECRET", SECRET);

        assertThat(events.endpoints(variable -> null)).singleElement()
                .satisfies(e -> assertThat(e.secret()).isEqualTo(SigningSecret.parse(SECRET)));
    }

    @Test
    void anEndpointListedTwiceOrWithoutTypesOrATimeoutAboveTwentySecondsIsRefused() throws Exception {
        String twice = "events:\n  endpoints:\n"
                + "    - {url: 'https://app.example.com/e', secretEnv: BILLING_EVENTS_SECRET, types: [billing.updated]}\n"
                + "    - {url: 'https://app.example.com/e', secretEnv: BILLING_EVENTS_SECRET, types: [billing.updated]}\n";
        assertThatThrownBy(() -> parse(twice).endpoints(ENV)).hasMessage("events.endpoints[1].url: is listed twice");
        assertThatThrownBy(() -> parse("events:\n  endpoints:\n"
                + "    - {url: 'https://app.example.com/e', secretEnv: BILLING_EVENTS_SECRET}\n").endpoints(ENV))
                .hasMessage("events.endpoints[0].types: must list at least one of [billing.updated, "
                        + "checkout.completed, payment.failed, payment.action_required, trial.will_end, "
                        + "usage.rejected]");
        assertThatThrownBy(() -> parse("events:\n  timeout: 21s\n").timeout())
                .isInstanceOf(StartupProblem.class).hasMessage("events.timeout: must be more than 0 and at most 20s");
        assertThat(List.of(parse("events:\n  timeout: 20s\n").timeout())).containsExactly(Duration.ofSeconds(20));
    }
}

package io.billingbridge.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventEndpointTest {
    private static final SigningSecret SECRET = SigningSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    @Test
    void acceptsAnAbsoluteHttpOrHttpsUrl() {
        assertThat(new EventEndpoint(URI.create("https://app.test/billing-events"), SECRET,
                Set.of(EventType.BILLING_UPDATED)).key()).isEqualTo("https://app.test/billing-events");
        assertThat(new EventEndpoint(URI.create("http://localhost:3000/events"), SECRET,
                Set.of(EventType.BILLING_UPDATED)).subscribesTo(EventType.BILLING_UPDATED)).isTrue();
    }

    @Test
    void refusesRelativeOtherSchemeUserInfoFragmentOrNoTypes() {
        for (String url : new String[] {"/events", "ftp://app.test/events", "https://user:pw@app.test/events",
                "https://app.test/events#x", "mailto:ops@app.test"}) {
            assertThatThrownBy(() -> new EventEndpoint(URI.create(url), SECRET, Set.of(EventType.BILLING_UPDATED)))
                    .as(url).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new EventEndpoint(URI.create("https://app.test/e"), SECRET, Set.of()))
                .hasMessageContaining("at least one event type");
    }

    @Test
    void eventIdsAreMsgAndRandomLettersOrDigits() {
        EventId a = EventId.random();

        assertThat(a.value()).matches("msg_[A-Za-z0-9]{27}");
        assertThat(EventId.random()).isNotEqualTo(a);
        assertThatThrownBy(() -> new EventId("evt_1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventId("msg_a.b")).isInstanceOf(IllegalArgumentException.class);
    }
}

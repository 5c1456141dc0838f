package io.billingbridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.usage.UsageEvent;
import io.billingbridge.core.usage.UsageIdentifier;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ONE = "{\"ownerType\":\"organization\",\"ownerId\":\"org_2abc\",\"event\":\"api_calls\","
            + "\"value\":3,\"identifier\":\"req-1\"}";

    private static List<UsageEvent> read(String json) throws Exception {
        return UsageReports.read(JSON.readTree(json));
    }

    private static void refused(String json, String param, String messageStart) {
        assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(InvalidRequest.class, e -> {
            assertThat(e.code()).isEqualTo("invalid_usage_event");
            assertThat(e.param()).contains(param);
            assertThat(e.getMessage()).startsWith(messageStart);
        });
    }

    @Test
    void readsOneEventOrABatch() throws Exception {
        UsageEvent expected = new UsageEvent(Owner.organization("org_2abc"), "api_calls", 3,
                new UsageIdentifier("req-1"), Optional.empty());

        assertThat(read(ONE)).containsExactly(expected);
        assertThat(read("{\"events\":[" + ONE + "," + ONE.replace("}", ",\"timestamp\":1764400000}") + "]}"))
                .containsExactly(expected, new UsageEvent(expected.owner(), "api_calls", 3, expected.identifier(),
                        Optional.of(Instant.ofEpochSecond(1_764_400_000L))));
    }

    @Test
    void namesTheEventAndFieldOfTheFirstMistake() {
        refused("{\"events\":[" + ONE + "," + ONE.replace("3", "2.5") + "]}", "events[1].value",
                "events[1]: value is a whole number");
        refused(ONE.replace("3", "\"3\""), "events[0].value", "events[0]: value is a whole number");
        refused(ONE.replace("3", "1000000000000"), "events[0].value", "events[0]: value is a whole number");
        refused(ONE.replace("organization", "team"), "events[0].ownerType", "events[0]: ownerType is");
        refused(ONE.replace("org_2abc", "user_2abc x"), "events[0].ownerId", "events[0]: ownerId is not");
        refused(ONE.replace("req-1", ""), "events[0].identifier", "events[0]: identifier must be");
        refused(ONE.replace("\"api_calls\"", "7"), "events[0].event", "events[0]: event is required");
        refused(ONE.replace("}", ",\"timestamp\":\"yesterday\"}"), "events[0].timestamp", "events[0]: timestamp");
        refused(ONE.replace("}", ",\"valu\":1}"), "events[0]", "events[0]: unknown field 'valu'");
        refused("{\"events\":[" + ONE + ",7]}", "events[1]", "events[1]: an event is an object");
    }

    @Test
    void refusesBodiesThatAreNeitherAnEventNorABatch() {
        assertThatThrownBy(() -> read("[]")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> read("{\"events\":{}}")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> read("{\"events\":[],\"extra\":1}")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> UsageReports.read(null)).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> read("{\"events\":[]}")).isInstanceOfSatisfying(InvalidRequest.class,
                e -> assertThat(e.code()).isEqualTo("usage_batch_empty"));
    }
}

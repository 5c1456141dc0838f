package io.billingbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConditionalGetTest {
    private static final byte[] BODY = "{\"plan\":\"pro\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theTagCoversTheScopeAsWellAsTheBytes() {
        String tag = ConditionalGet.tag("customer user:user_a details", BODY);
        assertThat(tag).matches("[A-Za-z0-9_-]{43}");
        assertThat(ConditionalGet.tag("customer user:user_a details", BODY)).isEqualTo(tag);
        assertThat(ConditionalGet.tag("customer user:user_b details", BODY)).isNotEqualTo(tag);
        assertThat(ConditionalGet.tag("customer user:user_a plan", BODY)).isNotEqualTo(tag);
        assertThat(ConditionalGet.tag("customer user:user_a details",
                "{\"plan\":\"team\"}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(tag);
    }

    @Test
    void ifNoneMatchNamesTheTagInAListWeaklyOrNotAtAll() {
        assertThat(ConditionalGet.names("\"abc\"", "abc")).isTrue();
        assertThat(ConditionalGet.names("\"x\", W/\"abc\"", "abc")).isTrue();
        assertThat(ConditionalGet.names("\"abcd\"", "abc")).isFalse();
        assertThat(ConditionalGet.names("abc", "abc")).as("unquoted is not a tag").isFalse();
        assertThat(ConditionalGet.names("*", "abc")).as("* confirms nothing").isFalse();
        assertThat(ConditionalGet.names("", "abc")).isFalse();
        assertThat(ConditionalGet.names(null, "abc")).isFalse();
    }
}

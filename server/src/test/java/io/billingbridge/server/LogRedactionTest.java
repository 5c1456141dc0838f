package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogRedactionTest {
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyX2Nhcm9sIn0.c2lnbmF0dXJlLWJ5dGVz";

    @Test
    void headersCarryingCredentialsKeepTheirNameAndLoseTheirValue() {
        assertThat(LogRedaction.redact("FIELD(Authorization: Digest abc123)")).isEqualTo("FIELD(Authorization: [redacted])");
        assertThat(LogRedaction.redact("{Cookie: theme=dark; __session=" + JWT + "}"))
                .isEqualTo("{Cookie: [redacted]}");
        assertThat(LogRedaction.redact("headerString=[Set-Cookie], valueString=[__client=abc]"))
                .doesNotContain("abc");
    }

    @Test
    void aHeaderInsideAJsonLineEndsAtItsStringsClosingQuoteSoTheLineStaysJson() {
        assertThat(LogRedaction.redact("{\"message\":\"sent Authorization: Digest abc\",\"level\":\"WARN\"}"))
                .isEqualTo("{\"message\":\"sent Authorization: [redacted]\",\"level\":\"WARN\"}");
        assertThat(LogRedaction.redact("{\"message\":\"Cookie: a=\\\"b\\\"; c=d\"}"))
                .isEqualTo("{\"message\":\"Cookie: [redacted]\"}");
    }

    @Test
    void tokensAndSecretsAreRedactedWhereverTheyAppear() {
        String line = "tokens " + JWT + " Bearer opaque-token bbadm_7ZSyXFT1Z7xIKabp7N4F1WgiNjSdxIj8wufQBUleSBE"
                + " sk_live_51Habc sk_test_billingbridge rk_live_x9 whsec_c2VjcmV0+/= __session=abc";
        String redacted = LogRedaction.redact(line);
        assertThat(redacted).doesNotContain(JWT, "opaque-token", "7ZSyXFT1", "51Habc", "billingbridge", "x9",
                "c2VjcmV0", "=abc");
        assertThat(redacted).contains("Bearer [redacted]", "bbadm_[redacted]", "sk_live_[redacted]",
                "whsec_[redacted]", "__session=[redacted]");
    }

    @Test
    void linesWithoutCredentialsAreLeftAsTheyAre() {
        String line = "INFO  [2026-11-28] io.billingbridge.server.WebhookWorkerLoop: event evt_1 for cus_ABC done";
        assertThat(LogRedaction.redact(line)).isSameAs(line);
    }

    @Test
    void theAccountSearchTextIsRedactedFromRequestLines() {
        assertThat(LogRedaction.redact("GET /admin/v1/accounts?q=alice%40example.com&limit=5 HTTP/1.1"))
                .isEqualTo("GET /admin/v1/accounts?q=[redacted]&limit=5 HTTP/1.1");
        assertThat(LogRedaction.redact("uri=http://h/admin/v1/accounts?limit=5&cursor=abc&q=bob@example.com\""))
                .isEqualTo("uri=http://h/admin/v1/accounts?limit=5&cursor=abc&q=[redacted]\"");
        assertThat(LogRedaction.redact("GET /admin/v1/accounts?limit=5")).isEqualTo("GET /admin/v1/accounts?limit=5");
    }
}

package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.events.EventEndpoint;
import io.billingbridge.core.events.EventId;
import io.billingbridge.core.events.EventType;
import io.billingbridge.core.events.SigningSecret;
import io.billingbridge.core.events.WebhookHeaders;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardWebhookSignerTest {
    private static final StandardWebhookSigner SIGNER = new StandardWebhookSigner();
    /** The test vector the Standard Webhooks specification and its reference libraries publish. */
    private static final SigningSecret SPEC_SECRET = SigningSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final EventId SPEC_ID = new EventId("msg_p5jXN8AQM9LWM0D4loKWxJek");
    private static final Instant SPEC_TIME = Instant.ofEpochSecond(1614265330);
    private static final String SPEC_BODY = "{\"test\": 2432232314}";

    @Test
    void signsTheSpecificationsTestVector() {
        WebhookHeaders headers = SIGNER.sign(SPEC_SECRET, SPEC_ID, SPEC_TIME, SPEC_BODY);

        assertThat(headers.signature()).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(headers.asMap()).isEqualTo(Map.of("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "webhook-timestamp", "1614265330", "webhook-signature",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }

    @Test
    void signsWholeSecondsSoTheHeaderAndTheSignatureAgree() {
        WebhookHeaders headers = SIGNER.sign(SPEC_SECRET, SPEC_ID, SPEC_TIME.plusMillis(999), SPEC_BODY);

        assertThat(headers.timestamp()).isEqualTo(1614265330);
        assertThat(headers.signature()).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aChangedBodyIdTimestampOrSecretChangesTheSignature() {
        String expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

        assertThat(SIGNER.sign(SPEC_SECRET, SPEC_ID, SPEC_TIME, "{\"test\": 2432232315}").signature())
                .isNotEqualTo(expected);
        assertThat(SIGNER.sign(SPEC_SECRET, new EventId("msg_p5jXN8AQM9LWM0D4loKWxJel"), SPEC_TIME,
                SPEC_BODY).signature()).isNotEqualTo(expected);
        assertThat(SIGNER.sign(SPEC_SECRET, SPEC_ID, SPEC_TIME.plusSeconds(1), SPEC_BODY).signature())
                .isNotEqualTo(expected);
        assertThat(SIGNER.sign(SigningSecret.parse("whsec_" + "A".repeat(32)), SPEC_ID, SPEC_TIME,
                SPEC_BODY).signature()).isNotEqualTo(expected);
    }

    @Test
    void signsTheBodyAsUtf8() {
        String body = "{\"plan\":\"Équipe ✓\"}";

        assertThat(SIGNER.sign(SPEC_SECRET, SPEC_ID, SPEC_TIME, body).signature())
                .isNotEqualTo(SIGNER.sign(SPEC_SECRET, SPEC_ID, SPEC_TIME, "{\"plan\":\"?quipe ?\"}")
                        .signature());
    }

    @Test
    void aSecretMustBeWhsecBase64OfTwentyFourToSixtyFourBytes() {
        assertThatThrownBy(() -> SigningSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .hasMessageContaining("starts with whsec_");
        assertThatThrownBy(() -> SigningSecret.parse("whsec_not base64!"))
                .hasMessageContaining("base64").hasMessageNotContaining("not base64");
        assertThatThrownBy(() -> SigningSecret.parse("whsec_c2hvcnQ=")).hasMessageContaining("this one 5");
        assertThatThrownBy(() -> SigningSecret.parse("whsec_" + "A".repeat(88))).hasMessageContaining("this one 66");
    }

    @Test
    void aSecretNeverShowsItsKey() {
        assertThat(SPEC_SECRET.toString()).isEqualTo("whsec_(hidden)");
        assertThat(new EventEndpoint(java.net.URI.create("https://app.test/events"), SPEC_SECRET,
                java.util.Set.of(EventType.BILLING_UPDATED)).toString()).doesNotContain("MfKQ9r8");
    }
}

package io.billingbridge.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.webhook.WebhookDelivery;
import io.billingbridge.core.webhook.WebhookWork;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SvixIdentityEventVerifierTest {
    private static final long NOW = 1_800_000_000L;
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    private static final SvixIdentityEventVerifier VERIFIER = new SvixIdentityEventVerifier(SECRET,
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    private static String sign(String id, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static WebhookDelivery delivery(String body, long timestamp) throws Exception {
        return delivery("msg_1", body, timestamp);
    }

    private static WebhookDelivery delivery(String id, String body, long timestamp) throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("Svix-Id", id);
        headers.put("Svix-Timestamp", Long.toString(timestamp));
        headers.put("Svix-Signature", sign(id, timestamp, body));
        return new WebhookDelivery(body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void assertRejected(WebhookDelivery d, String code) {
        assertThatThrownBy(() -> VERIFIER.verify(d)).isInstanceOfSatisfying(InvalidRequest.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private static final String USER_DELETED =
            "{\"type\":\"user.deleted\",\"object\":\"event\",\"data\":{\"object\":\"user\",\"id\":\"user_1\",\"deleted\":true}}";

    @Test
    void aSignedEventWhoseSvixIdIsLongerThan255CharactersOrEmptyIsRefused() throws Exception {
        assertRejected(delivery("msg_" + "x".repeat(252), USER_DELETED, NOW), "invalid_payload");
        assertThat(VERIFIER.verify(delivery("msg_" + "x".repeat(251), USER_DELETED, NOW)).eventId()).hasSize(255);
        assertRejected(delivery("", USER_DELETED, NOW), "invalid_signature");
    }

    /** A user.deleted event whose data carries a value nested {@code depth} levels deep. */
    private static String nested(int depth) {
        return "{\"type\":\"user.deleted\",\"data\":{\"id\":\"user_1\",\"x\":" + "[".repeat(depth)
                + "]".repeat(depth) + "}}";
    }

    @Test
    void aSignedPayloadNested100000LevelsDeepIsInvalidPayloadNotAStackOverflow() throws Exception {
        assertRejected(delivery(nested(100_000), NOW), "invalid_payload");
        assertRejected(delivery(nested(ClerkJson.MAX_NESTING_DEPTH), NOW), "invalid_payload");
        assertThat(VERIFIER.verify(delivery(nested(ClerkJson.MAX_NESTING_DEPTH - 2), NOW)).work())
                .isEqualTo(new WebhookWork.OwnerDeleted(Owner.user("user_1")));
    }

    @Test
    void acceptsTimestampsUpToThreeHundredSecondsAwayEitherWay() throws Exception {
        WebhookWork deleted = new WebhookWork.OwnerDeleted(Owner.user("user_1"));
        assertThat(VERIFIER.verify(delivery(USER_DELETED, NOW - 300)).work()).isEqualTo(deleted);
        assertThat(VERIFIER.verify(delivery(USER_DELETED, NOW + 300)).work()).isEqualTo(deleted);
        assertRejected(delivery(USER_DELETED, NOW - 301), "invalid_signature");
        assertRejected(delivery(USER_DELETED, NOW + 301), "invalid_signature");
    }

    @Test
    void rejectsMissingHeadersAndUnreadableTimestamps() throws Exception {
        byte[] body = USER_DELETED.getBytes(StandardCharsets.UTF_8);
        assertRejected(new WebhookDelivery(body, Map.of()), "invalid_signature");
        assertRejected(new WebhookDelivery(body, Map.of("svix-id", "msg_1", "svix-timestamp", "soon",
                "svix-signature", sign("msg_1", NOW, USER_DELETED))), "invalid_signature");
        assertRejected(new WebhookDelivery(body, Map.of("svix-id", "msg_1", "svix-timestamp", Long.toString(NOW),
                "svix-signature", "v1,")), "invalid_signature");
    }

    @Test
    void aValidSignatureOverAnUndecodablePayloadIsInvalidPayload() throws Exception {
        assertRejected(delivery("not json", NOW), "invalid_payload");
        assertRejected(delivery("{\"type\":\"user.created\",\"data\":{\"first_name\":\"No id\"}}", NOW),
                "invalid_payload");
        assertRejected(delivery("{\"type\":\"organizationMembership.created\",\"data\":{\"role\":\"org:admin\","
                + "\"organization\":{\"id\":\"org_1\"},\"public_user_data\":{}}}", NOW), "invalid_payload");
    }

    @Test
    void aSecretWithoutThePrefixWorksTooAndAnEmptyOneIsRefused() throws Exception {
        SvixIdentityEventVerifier bare = new SvixIdentityEventVerifier(Base64.getEncoder().encodeToString(KEY),
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
        assertThat(bare.verify(delivery(USER_DELETED, NOW)).eventId()).isEqualTo("msg_1");
        assertThatThrownBy(() -> new SvixIdentityEventVerifier("whsec_")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SvixIdentityEventVerifier("whsec_***")).isInstanceOf(IllegalArgumentException.class);
    }
}

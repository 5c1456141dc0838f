package io.billingbridge.clerk;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.identity.IdentityEventVerifier;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookDelivery;
import io.billingbridge.core.webhook.WebhookWork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies Clerk webhooks as Svix signs them and decodes each into the {@link WebhookWork} it asks for.
 *
 * <p>Reads {@code svix-id}, {@code svix-timestamp} and {@code svix-signature} (or their {@code webhook-*}
 * fallbacks), computes base64 HMAC-SHA256 over {@code id.timestamp.body} with the key inside the
 * {@code whsec_} secret ({@code CLERK_WEBHOOK_SIGNING_SECRET}), accepts when any {@code v1,} entry matches
 * (constant time), and rejects timestamps more than 300 s away from the clock. A signed event whose id is longer
 * than {@value VerifiedEvent#MAX_EVENT_ID_LENGTH} characters, or whose JSON nests deeper than
 * 1000 levels, is an invalid payload.
 */
public final class SvixIdentityEventVerifier implements IdentityEventVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(SvixIdentityEventVerifier.class);
    private static final Duration TOLERANCE = Duration.ofSeconds(300);
    private static final String PREFIX = "whsec_";

    private final byte[] key;
    private final Clock clock;

    /** A verifier for this {@code whsec_...} signing secret, using the system clock. */
    public SvixIdentityEventVerifier(String signingSecret) {
        this(signingSecret, Clock.systemUTC());
    }

    /** A verifier for this {@code whsec_...} signing secret and clock. */
    public SvixIdentityEventVerifier(String signingSecret, Clock clock) {
        Objects.requireNonNull(signingSecret, "signingSecret");
        this.clock = Objects.requireNonNull(clock, "clock");
        String encoded = signingSecret.startsWith(PREFIX) ? signingSecret.substring(PREFIX.length()) : signingSecret;
        try {
            this.key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook signing secret is not whsec_ followed by base64", e);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("the webhook signing secret is empty");
        }
    }

    @Override
    public VerifiedEvent verify(WebhookDelivery delivery) {
        String id = header(delivery, "id");
        String timestamp = header(delivery, "timestamp");
        String signatures = header(delivery, "signature");
        checkTimestamp(id, timestamp);
        byte[] body = delivery.body();
        String expected = sign(id, timestamp, body);
        boolean matched = false;
        for (String entry : signatures.split(" ")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given = entry.substring(comma + 1).getBytes(StandardCharsets.US_ASCII);
            matched |= MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given);
        }
        if (!matched) {
            LOG.debug("Clerk webhook {} rejected: no signature matches", loggable(id));
            throw invalidSignature();
        }
        return decode(id, body);
    }

    private static String header(WebhookDelivery delivery, String name) {
        return delivery.header("svix-" + name).or(() -> delivery.header("webhook-" + name))
                .filter(v -> !v.isBlank())
                .orElseThrow(() -> {
                    LOG.debug("Clerk webhook rejected: missing svix-{} header", name);
                    return invalidSignature();
                });
    }

    private void checkTimestamp(String id, String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            LOG.debug("Clerk webhook {} rejected: unreadable timestamp", loggable(id));
            throw invalidSignature();
        }
        long now = clock.instant().getEpochSecond();
        if (now - seconds > TOLERANCE.toSeconds()) {
            LOG.debug("Clerk webhook {} rejected: timestamp too old", loggable(id));
            throw invalidSignature();
        }
        if (seconds - now > TOLERANCE.toSeconds()) {
            LOG.debug("Clerk webhook {} rejected: timestamp too new", loggable(id));
            throw invalidSignature();
        }
    }

    private String sign(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static VerifiedEvent decode(String id, byte[] body) {
        if (id.isEmpty() || id.length() > VerifiedEvent.MAX_EVENT_ID_LENGTH) {
            throw invalidPayload(id);
        }
        JsonNode envelope;
        try {
            envelope = ClerkJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw invalidPayload(id);
        }
        if (envelope == null || !envelope.isObject() || !envelope.path("type").isTextual()
                || !envelope.path("data").isObject()) {
            throw invalidPayload(id);
        }
        String type = envelope.get("type").asText();
        try {
            return new VerifiedEvent(id, type, workOf(type, envelope.get("data"), id));
        } catch (IllegalArgumentException e) {
            throw invalidPayload(id);
        }
    }

    /**
     * The work a Clerk event type asks for. The whole object is decoded, as the Backend API's would be, so a
     * malformed payload is rejected rather than half read.
     */
    private static WebhookWork workOf(String type, JsonNode data, String id) {
        return switch (type) {
            case "user.created" -> new WebhookWork.OwnerCreated(new Owner.User(ClerkJson.user(data).id()));
            case "user.updated" -> new WebhookWork.OwnerChanged(new Owner.User(ClerkJson.user(data).id()));
            case "user.deleted" -> new WebhookWork.OwnerDeleted(
                    Owner.user(ClerkJson.text(data, "id").orElseThrow(() -> invalidPayload(id))));
            case "organization.created" ->
                    new WebhookWork.OwnerCreated(new Owner.Organization(ClerkJson.organization(data).id()));
            case "organization.updated" ->
                    new WebhookWork.OwnerChanged(new Owner.Organization(ClerkJson.organization(data).id()));
            case "organization.deleted" -> ClerkJson.text(data, "id")
                    .<WebhookWork>map(org -> new WebhookWork.OwnerDeleted(Owner.organization(org)))
                    .orElseGet(WebhookWork.Nothing::new);
            case "organizationMembership.created", "organizationMembership.updated",
                    "organizationMembership.deleted" ->
                    new WebhookWork.MembershipChanged(ClerkJson.membership(data, Optional.empty()).organizationId());
            default -> new WebhookWork.Nothing();
        };
    }

    /** An unverified id, cut down to characters that cannot forge log lines. */
    private static String loggable(String id) {
        String cleaned = id.replaceAll("[^A-Za-z0-9_\\-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }

    private static InvalidRequest invalidSignature() {
        return new InvalidRequest("invalid_signature", "The webhook signature could not be verified.");
    }

    private static InvalidRequest invalidPayload(String id) {
        LOG.debug("Clerk webhook {} rejected: payload cannot be decoded", loggable(id));
        return new InvalidRequest("invalid_payload", "The webhook payload could not be decoded.");
    }
}

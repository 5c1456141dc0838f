package io.billingbridge.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.InvoiceId;
import io.billingbridge.core.payment.PaymentEventVerifier;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookDelivery;
import io.billingbridge.core.webhook.WebhookWork;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PaymentEventVerifier} for Stripe webhooks: stripe-java's signature check on the raw UTF-8 body, then the
 * event read once from its raw JSON, so any event type and API version works: price and product events refresh the
 * catalog, any other event that names a customer re-syncs that customer, the rest need nothing.
 */
public final class StripeEventVerifier implements PaymentEventVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(StripeEventVerifier.class);
    private static final String HEADER = "Stripe-Signature";

    /** The deepest nesting of objects and arrays accepted in an event; Stripe's own events stay far below it. */
    static final int MAX_NESTING_DEPTH = 1000;

    private final String secret;
    private final Duration tolerance;
    private final Clock clock;

    /** A verifier with the settings' webhook secret and tolerance, on the system clock. */
    public StripeEventVerifier(StripeSettings settings) {
        this(settings.webhookSecret(), settings.webhookTolerance(), Clock.systemUTC());
    }

    /**
     * A verifier for one endpoint secret.
     *
     * @param tolerance how far the signed timestamp may lie from the clock, in the past (Stripe's default is 300
     *     seconds) and, against clock skew, in the future
     * @param clock the time signatures are checked against
     */
    public StripeEventVerifier(String secret, Duration tolerance, Clock clock) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("Stripe webhook secret is missing (set STRIPE_WEBHOOK_SECRET)");
        }
        this.secret = secret;
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (tolerance.getSeconds() < 1) {
            throw new IllegalArgumentException("tolerance must be at least one second");
        }
    }

    @Override
    public VerifiedEvent verify(WebhookDelivery delivery) {
        String header = delivery.header(HEADER).filter(h -> !h.isBlank())
                .orElseThrow(() -> invalidSignature("no " + HEADER + " header"));
        String payload = utf8(delivery.body());
        JsonObject event;
        try {
            Webhook.Signature.verifyHeader(payload, header, secret, tolerance.getSeconds(), clock);
            requireNotFromTheFuture(header);
            requireNestingAtMost(payload, MAX_NESTING_DEPTH);
            JsonElement root = JsonParser.parseString(payload);
            if (!root.isJsonObject()) {
                throw invalidPayload();
            }
            event = root.getAsJsonObject();
        } catch (SignatureVerificationException e) {
            LOG.debug("Rejected a Stripe webhook: signature or timestamp does not verify");
            throw invalidSignature("the Stripe signature does not verify");
        } catch (JsonParseException | IllegalStateException e) {
            throw invalidPayload();
        }
        return toVerifiedEvent(event);
    }

    /**
     * Refuses a signed timestamp more than the tolerance ahead of the clock, which stripe-java accepts (it checks
     * only the age), so a signature captured or forged for a future time cannot be replayed until then.
     */
    private void requireNotFromTheFuture(String header) {
        long timestamp = signedTimestamp(header);
        if (timestamp > clock.instant().getEpochSecond() + tolerance.getSeconds()) {
            LOG.debug("Rejected a Stripe webhook: its signed timestamp lies more than the tolerance in the future");
            throw invalidSignature("the Stripe signature's timestamp is in the future");
        }
    }

    /** The header's first {@code t=} value, read the way stripe-java reads it (it has verified it already). */
    private static long signedTimestamp(String header) {
        for (String item : header.split(",", -1)) {
            String[] parts = item.split("=", 2);
            if (parts.length == 2 && "t".equals(parts[0])) {
                try {
                    return Long.parseLong(parts[1]);
                } catch (NumberFormatException e) {
                    throw invalidSignature("the Stripe signature's timestamp is not a number");
                }
            }
        }
        throw invalidSignature("the Stripe signature has no timestamp");
    }

    /**
     * Refuses JSON nested deeper than {@code max} arrays and objects before Gson, which parses recursively and has
     * no limit of its own, ever sees it; brackets inside strings do not count.
     */
    private static void requireNestingAtMost(String json, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > max) {
                    throw invalidPayload();
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw invalidPayload();
        }
    }

    /** The event read once from its verified JSON: its id, type, and the work its object calls for. */
    private static VerifiedEvent toVerifiedEvent(JsonObject event) {
        String id = string(event, "id").orElseThrow(StripeEventVerifier::invalidPayload);
        String type = string(event, "type").orElseThrow(StripeEventVerifier::invalidPayload);
        JsonElement created = event.get("created");
        JsonElement data = event.get("data");
        JsonElement object = data != null && data.isJsonObject() ? data.getAsJsonObject().get("object") : null;
        if (id.isEmpty() || id.length() > VerifiedEvent.MAX_EVENT_ID_LENGTH || created == null
                || !created.isJsonPrimitive() || !created.getAsJsonPrimitive().isNumber()
                || object == null || !object.isJsonObject()) {
            throw invalidPayload();
        }
        VerifiedEvent verified = new VerifiedEvent(id, type,
                workOf(type, object.getAsJsonObject(), data.getAsJsonObject().get("previous_attributes")));
        LOG.debug("Verified Stripe event {} ({}): {}", verified.eventId(), verified.type(), verified.work().describe());
        return verified;
    }

    /**
     * Catalog events refresh the prices; the checkout, invoice and trial events the application is told about carry
     * their customer and their object's id (re-read when the work is done); any other event whose object is, names or (like
     * {@code payment_method.detached}, which carries {@code customer: null}) previously named a customer resyncs it;
     * others need nothing.
     */
    private static WebhookWork workOf(String type, JsonObject object, JsonElement previousAttributes) {
        if (type.startsWith("price.") || type.startsWith("product.")) {
            return new WebhookWork.RefreshCatalog();
        }
        Optional<String> customer = "customer".equals(text(object, "object").orElse(null)) ? text(object, "id")
                : text(object, "customer").or(() -> previousAttributes != null && previousAttributes.isJsonObject()
                        ? text(previousAttributes.getAsJsonObject(), "customer") : Optional.empty());
        Optional<CustomerId> named = customer.flatMap(StripeMapping::customerId);
        Optional<WebhookWork> told = named.flatMap(c -> toldToTheApplication(type, c, string(object, "id").orElse("")));
        if (told.isPresent()) {
            return told.get();
        }
        return named.<WebhookWork>map(WebhookWork.ResyncCustomer::new).orElseGet(WebhookWork.Nothing::new);
    }

    /**
     * The work for the events that become events to the application, when they name a customer and the object's id
     * has the right shape.
     */
    private static Optional<WebhookWork> toldToTheApplication(String type, CustomerId customer, String id) {
        try {
            return switch (type) {
                case "checkout.session.completed" ->
                    Optional.of(new WebhookWork.CheckoutCompleted(customer, new CheckoutSessionId(id)));
                case "invoice.payment_failed" ->
                    Optional.of(new WebhookWork.InvoicePaymentFailed(customer, new InvoiceId(id)));
                case "invoice.payment_action_required" ->
                    Optional.of(new WebhookWork.InvoiceActionRequired(customer, new InvoiceId(id)));
                case "customer.subscription.trial_will_end" ->
                    Optional.of(new WebhookWork.TrialWillEnd(customer, new SubscriptionId(id)));
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static Optional<String> string(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                ? Optional.of(value.getAsString()) : Optional.empty();
    }

    private static Optional<String> text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            if (value != null && value.isJsonObject()) {
                return text(value.getAsJsonObject(), "id");
            }
            return Optional.empty();
        }
        return Optional.of(value.getAsString());
    }

    private static InvalidRequest invalidSignature(String message) {
        return new InvalidRequest("invalid_signature", message);
    }

    private static InvalidRequest invalidPayload() {
        return new InvalidRequest("invalid_payload", "the body is not a Stripe event");
    }
}

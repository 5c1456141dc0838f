package io.billingbridge.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.AppenderAttachable;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Subscription;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.EventListParams;
import com.stripe.param.SubscriptionListParams;
import io.billingbridge.core.admin.AdminScope;
import io.billingbridge.sandbox.DemoSandbox;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Request bodies, unusual tokens, Stripe look-ups and common assertions shared by the system tests. */
final class SystemFixtures {
    /** Fragments that must never reach a client. */
    /** Both admin scopes: what a token needs to act (sync, relink, push-profile, retry). */
    static final Set<AdminScope> READ_WRITE = Set.of(AdminScope.READ, AdminScope.WRITE);
    static final List<String> INTERNALS = List.of("Exception", "\tat ", "at io.", "at org.", "at java.", "SELECT ",
            "INSERT ", "UPDATE ", "billing_accounts", "webhook_events", "PSQL", "sk_", "whsec_");

    private SystemFixtures() {
    }

    static String checkoutBody(String owner, String price, String extra) {
        return "{\"owner\":\"" + owner + "\",\"price\":\"" + price + "\",\"successUrl\":\"" + SystemUnderTest.ORIGIN
                + "/done?session={CHECKOUT_SESSION_ID}\",\"cancelUrl\":\"" + SystemUnderTest.ORIGIN + "/pricing\""
                + extra + "}";
    }

    static String portalBody(String owner, String extra) {
        return "{\"owner\":\"" + owner + "\",\"returnUrl\":\"" + SystemUnderTest.ORIGIN + "/account\"" + extra + "}";
    }

    /** Claims as the dev instance puts them in a v2 session token, expiring {@code expiresIn} seconds from now. */
    static Map<String, Object> sessionClaims(SystemUnderTest system, String userId, Optional<String> org, String role,
            long expiresIn) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("exp", now + expiresIn);
        claims.put("iat", Math.min(now, now + expiresIn - 60));
        claims.put("nbf", Math.min(now, now + expiresIn - 60) - 10);
        claims.put("iss", system.sandbox().clerk().issuer());
        claims.put("azp", system.sandbox().authorizedParty());
        claims.put("sid", "sess_test_" + userId);
        claims.put("sub", userId);
        claims.put("v", 2);
        org.ifPresent(id -> {
            claims.put("fea", "o:billing");
            claims.put("o", Map.of("id", id, "slg", id.substring(4), "rol", role));
        });
        return claims;
    }

    /** A well-formed RS256 token with the dev instance's key id, signed by a key the server does not trust. */
    static String signedWithAnotherKey(SystemUnderTest system, Map<String, Object> claims) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(system.sandbox().clerk().currentKeyId()).build(), JWTClaimsSet.parse(claims));
            jwt.sign(new RSASSASigner((RSAPrivateKey) pair.getPrivate()));
            return jwt.serialize();
        } catch (GeneralSecurityException | JOSEException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A genuine token whose payload was swapped for other claims, keeping the original signature. */
    static String tampered(String genuineToken, Map<String, Object> claims) {
        String[] parts = genuineToken.split("\\.");
        return parts[0] + "." + Base64URL.encode(json(claims)) + "." + parts[2];
    }

    /** An unsigned token: {@code alg: none}, empty signature. */
    static String unsigned(Map<String, Object> claims) {
        return Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Base64URL.encode(json(claims)) + ".";
    }

    private static String json(Map<String, Object> claims) {
        try {
            return SystemUnderTest.JSON.writeValueAsString(claims);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stripe-java client against the system's Stripe emulator. */
    /** Loads the catalog through the API, so that faults injected afterwards meet only the calls under test. */
    static void warmCatalog(SystemUnderTest system) {
        Reply warm = system.call("GET", "/v1/billing/prices?owner=user").bearer(system.token("user_carol",
                Optional.empty())).send();
        assertThat(warm.status()).as("catalog loaded before faults").isEqualTo(200);
    }

    /** Buys a price for the owner, pays it and syncs the checkout; returns the checkout session id. */
    static String buyAndSync(SystemUnderTest system, String userId, Optional<String> org, String owner,
            String price) {
        Reply created = system.call("POST", "/v1/billing/checkout-sessions").bearer(system.token(userId, org))
                .json(checkoutBody(owner, price, "")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String session = created.json().get("id").asText();
        system.sandbox().stripe().completeCheckout(session, "4242424242424242");
        Reply synced = system.call("POST", "/v1/billing/checkout-sessions/" + session + "/sync")
                .bearer(system.token(userId, org)).send();
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        return session;
    }

    /**
     * Waits until every Stripe event the emulator sent is delivered and handled and no snapshot is out of date: the
     * webhooks of a purchase or a change keep arriving after the API call that caused them, and each re-sync
     * stamps a new {@code syncedAt} on the owner's billing.
     */
    static void settle(SystemUnderTest system) {
        SystemUnderTest.await("every Stripe event delivered and handled, and no snapshot out of date",
                java.time.Duration.ofSeconds(30), () -> system.sandbox().stripe().webhookDeliveries().stream()
                        .noneMatch(d -> "pending".equals(d.state()))
                        && system.count("SELECT count(*) FROM webhook_events WHERE status <> 'processed'") == 0
                        && system.count("SELECT count(*) FROM customer_snapshots WHERE dirty") == 0);
    }

    /** The Stripe ids of an owner's billing view that are theirs alone (not items, products or prices). */
    static Set<String> ownIds(JsonNode billing) {
        Set<String> ids = new HashSet<>();
        ids.add(billing.get("customer").asText());
        ids.addAll(billing.get("subscriptions").findValuesAsText("id"));
        ids.addAll(billing.get("invoices").findValuesAsText("id"));
        ids.addAll(billing.get("paymentMethods").findValuesAsText("id"));
        ids.removeIf(id -> id.startsWith("si_") || id.startsWith("prod_") || id.startsWith("price_"));
        return ids;
    }

    /** A signed-in user with no organization starts a checkout of {@code pro_monthly} for themself. */
    static Reply checkoutAsUser(SystemUnderTest system, String user) {
        return system.call("POST", "/v1/billing/checkout-sessions").bearer(system.token(user, Optional.empty()))
                .json(checkoutBody("user", "pro_monthly", "")).send();
    }

    /** A signed-in user with no organization reads their own billing. */
    static Reply readUserBilling(SystemUnderTest system, String user) {
        return system.call("GET", "/v1/billing/customer?owner=user").bearer(system.token(user, Optional.empty()))
                .send();
    }

    /**
     * The subscription's updates in Stripe's event log that changed its items. An update that changes nothing
     * publishes no event, so this alone cannot tell one update from several to the same quantity.
     */
    static long itemChanges(StripeClient stripe, String subscription) throws StripeException {
        long updates = 0;
        for (Event event : stripe.v1().events().list(EventListParams.builder()
                .setType("customer.subscription.updated").setLimit(100L).build()).autoPagingIterable()) {
            String id;
            try {
                id = SystemUnderTest.JSON.readTree(event.getDataObjectDeserializer().getRawJson()).get("id").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, Object> previous = event.getData().getPreviousAttributes();
            if (subscription.equals(id) && previous != null && previous.containsKey("items")) {
                updates++;
            }
        }
        return updates;
    }

    static StripeClient stripe(SystemUnderTest system) {
        return StripeClient.builder().setApiKey(DemoSandbox.STRIPE_KEY)
                .setApiBase(system.sandbox().stripe().baseUrl()).build();
    }

    /** Every customer in the emulator whose metadata names this owner. */
    static List<Customer> customersOf(SystemUnderTest system, String ownerType, String ownerId) {
        try {
            return stripe(system).v1().customers().search(CustomerSearchParams.builder()
                    .setQuery("metadata['clerk_owner_type']:'" + ownerType + "' AND metadata['clerk_owner_id']:'"
                            + ownerId + "'")
                    .setLimit(100L).build()).getData();
        } catch (StripeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The owner's billing as the API shows it has Stripe's one subscription of the customer, active, item by item. */
    static void assertSnapshotEqualsStripe(SystemUnderTest system, JsonNode view, String customer)
            throws StripeException {
        List<Subscription> inStripe = stripe(system).v1().subscriptions().list(SubscriptionListParams
                .builder().setCustomer(customer).setStatus(SubscriptionListParams.Status.ALL).build()).getData();
        assertThat(inStripe).hasSize(1);
        assertThat(view.get("customer").asText()).isEqualTo(customer);
        assertThat(view.get("subscriptions")).hasSize(1);
        JsonNode subscription = view.get("subscriptions").get(0);
        Subscription expected = inStripe.get(0);
        assertThat(subscription.get("id").asText()).isEqualTo(expected.getId());
        assertThat(subscription.get("status").asText()).isEqualTo(expected.getStatus()).isEqualTo("active");
        assertThat(subscription.get("items")).hasSize(1);
        assertThat(subscription.get("items").get(0).get("id").asText())
                .isEqualTo(expected.getItems().getData().get(0).getId());
        assertThat(subscription.get("items").get(0).get("price").asText())
                .isEqualTo(expected.getItems().getData().get(0).getPrice().getId());
        assertThat(subscription.get("items").get(0).get("quantity").asLong())
                .isEqualTo(expected.getItems().getData().get(0).getQuantity());
    }

    /** A {@code Stripe-Signature} header for this payload, signed at {@code timestamp} with the server's secret. */
    static String stripeSignature(long timestamp, String payload) {
        try {
            return "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(DemoSandbox.STRIPE_WEBHOOK_SECRET,
                    timestamp + "." + payload);
        } catch (java.security.NoSuchAlgorithmException | java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of a {@code svix-signature} header (after {@code v1,}) for this message, as Clerk signs it. */
    static String svixSignature(SystemUnderTest system, String messageId, String timestamp, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(system.sandbox().clerk()
                    .webhookSecret().orElseThrow().substring("whsec_".length())), "HmacSHA256"));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal((messageId + "." + timestamp + "." + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reply is an error in the API's one shape with this status and code, revealing nothing internal. */
    static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.headers().firstValue("Request-Id")).as("Request-Id of a %d", status).isPresent();
        JsonNode error = reply.json().get("error");
        assertThat(error).as(reply.body()).isNotNull();
        assertThat(error.get("type").isTextual()).as(reply.body()).isTrue();
        assertThat(error.get("message").isTextual()).as(reply.body()).isTrue();
        if (code != null) {
            assertThat(error.get("code").asText()).as(reply.body()).isEqualTo(code);
        } else {
            assertThat(error.get("code").isTextual()).as(reply.body()).isTrue();
        }
        assertNothingInternal(reply);
    }

    /** No stack trace, exception name, SQL or key in the body. */
    static void assertNothingInternal(Reply reply) {
        assertThat(reply.body()).as("body of a %d reply", reply.status()).doesNotContain(INTERNALS);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The encoder of the server's console appender, inside Dropwizard's asynchronous wrapper. */
    static Encoder<ILoggingEvent> consoleEncoder(AppenderAttachable<ILoggingEvent> attachable) {
        for (Iterator<Appender<ILoggingEvent>> it = attachable.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            if (appender instanceof OutputStreamAppender<ILoggingEvent> stream) {
                return stream.getEncoder();
            }
            if (appender instanceof AppenderAttachable<?>) {
                @SuppressWarnings("unchecked")
                AppenderAttachable<ILoggingEvent> nested = (AppenderAttachable<ILoggingEvent>) appender;
                Encoder<ILoggingEvent> found = consoleEncoder(nested);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}

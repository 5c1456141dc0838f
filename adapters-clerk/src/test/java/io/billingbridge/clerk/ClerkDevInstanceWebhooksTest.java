package io.billingbridge.clerk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.billingbridge.core.error.InvalidRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookDelivery;
import io.billingbridge.core.webhook.WebhookWork;
import io.billingbridge.sandbox.clerk.ClerkDevConfig;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.sandbox.clerk.DevMembership;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks the dev instance signs and sends, verified by {@link SvixIdentityEventVerifier} on arrival. */
class ClerkDevInstanceWebhooksTest {
    /** A verified event and the {@code data} object it carried. */
    private record Arrival(VerifiedEvent event, JsonNode data) {
        String type() {
            return event.type();
        }
    }

    private final List<Arrival> received = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private final Semaphore arrivals = new Semaphore(0);
    private HttpServer receiver;
    private ClerkDevInstance clerk;

    @BeforeEach
    void start() throws IOException {
        SvixIdentityEventVerifier verifier = new SvixIdentityEventVerifier(ClerkDevConfig.DEFAULT_WEBHOOK_SECRET);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks/clerk", ex -> {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            try {
                VerifiedEvent event = verifier.verify(new WebhookDelivery(body, headers));
                received.add(new Arrival(event, ClerkJson.MAPPER.readTree(body).get("data")));
                arrivals.release();
                ex.sendResponseHeaders(204, -1);
            } catch (InvalidRequest e) {
                rejected.add(e.code());
                ex.sendResponseHeaders(400, -1);
            }
            ex.close();
        });
        receiver.start();
        URI target = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/clerk");
        clerk = ClerkDevInstance.start(ClerkDevConfig.builder()
                .webhook(target, ClerkDevConfig.DEFAULT_WEBHOOK_SECRET).build());
    }

    @AfterEach
    void stop() {
        clerk.close();
        receiver.stop(0);
    }

    private void awaitEvents(int count) throws InterruptedException {
        assertThat(arrivals.tryAcquire(count, 10, TimeUnit.SECONDS)).as("%d webhooks arrived in time", count).isTrue();
    }

    @Test
    void changesMadeInJavaArriveSignedAndDecoded() throws InterruptedException {
        clerk.createUser("user_erin", "Erin", "Evans", "erin@example.test");
        clerk.createOrganization("org_initech", "Initech", null, "user_erin");
        clerk.addMembership("org_initech", ClerkDevInstance.CAROL, DevMembership.MEMBER);
        clerk.updateMembership("org_initech", ClerkDevInstance.CAROL, DevMembership.ADMIN);
        clerk.deleteOrganization("org_initech");
        clerk.deleteUser("user_erin");
        awaitEvents(9);

        assertThat(received).extracting(Arrival::type).containsExactly("user.created",
                "organization.created", "organizationMembership.created", "organizationMembership.created",
                "organizationMembership.updated", "organizationMembership.deleted", "organizationMembership.deleted",
                "organization.deleted", "user.deleted");
        Owner erin = Owner.user("user_erin");
        Owner initech = Owner.organization("org_initech");
        WebhookWork membership = new WebhookWork.MembershipChanged(new OrganizationId("org_initech"));
        assertThat(received).extracting(a -> a.event().work()).containsExactly(new WebhookWork.OwnerCreated(erin),
                new WebhookWork.OwnerCreated(initech), membership, membership, membership, membership, membership,
                new WebhookWork.OwnerDeleted(initech), new WebhookWork.OwnerDeleted(erin));
        assertThat(ClerkJson.user(received.get(0).data()).primaryEmail()).contains("erin@example.test");
        var promoted = ClerkJson.membership(received.get(4).data(), Optional.empty());
        assertThat(promoted.role()).isEqualTo("org:admin");
        assertThat(promoted.userId()).isEqualTo(new UserId("user_carol"));
        assertThat(received).extracting(a -> a.event().eventId()).doesNotHaveDuplicates();
        assertThat(rejected).isEmpty();
        assertThat(clerk.webhookDeliveries()).as("each is recorded before the next is sent, so all but the last are in")
                .hasSizeGreaterThanOrEqualTo(8).allSatisfy(d -> assertThat(d.status()).isEqualTo(204));
    }

    @Test
    void sandboxHelperEndpointsAndMetadataUpdatesSendWebhooks() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(clerk.baseUrl().resolve("/_sandbox/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"first_name\":\"Frank\",\"email_address\":\"f@x.test\"}"))
                .build(), HttpResponse.BodyHandlers.discarding());
        http.send(HttpRequest.newBuilder(clerk.baseUrl().resolve("/_sandbox/users/user_bob"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"last_name\":\"Builder\"}"))
                .build(), HttpResponse.BodyHandlers.discarding());
        new ClerkIdentityDirectory(ClerkBackendConfig.builder(clerk.secretKey()).apiUrl(clerk.baseUrl()).build())
                .mergePublicMetadata(io.billingbridge.core.owner.Owner.organization("org_acme"), Map.of("plan", "pro"));
        awaitEvents(3);

        assertThat(received).extracting(Arrival::type)
                .containsExactly("user.created", "user.updated", "organization.updated");
        assertThat(received.get(1).event().work()).isEqualTo(new WebhookWork.OwnerChanged(Owner.user("user_bob")));
        assertThat(ClerkJson.user(received.get(1).data()).lastName()).contains("Builder");
        assertThat(received.get(2).event().work())
                .isEqualTo(new WebhookWork.OwnerChanged(Owner.organization("org_acme")));
        assertThat(ClerkJson.organization(received.get(2).data()).publicMetadata()).containsEntry("plan", "pro");
    }
}

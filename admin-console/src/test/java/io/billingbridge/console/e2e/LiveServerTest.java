package io.billingbridge.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.server.system.SystemUnderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fixture's data are really there, seen through the existing admin API over plain HTTP. */
class LiveServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LiveServer server;

    @BeforeAll
    static void start() {
        server = LiveServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A status and the body read as JSON. */
    private record Answer(int status, JsonNode body) {
    }

    private static Answer admin(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/v1" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + server.adminToken())
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The fixture's failed event as the admin API lists it under {@code status}, if it does. */
    private static Optional<JsonNode> listed(String status) {
        Answer events = admin("GET", "/webhook-events?status=" + status + "&limit=100");
        assertThat(events.status()).as(events.body().toString()).isEqualTo(200);
        return StreamSupport.stream(events.body().get("data").spliterator(), false)
                .filter(e -> e.get("eventId").asText().equals(server.failedEventId())
                        && e.get("source").asText().equals(server.failedEventSource()))
                .findFirst();
    }

    private static String profileNameOfPaidUser() {
        Answer account = admin("GET", "/accounts/user/" + server.paidUserId());
        assertThat(account.status()).as(account.body().toString()).isEqualTo(200);
        return account.body().get("account").path("profileName").asText();
    }

    @Test
    void thePaidUserHasACustomerAndAnActiveProMonthlySubscription() {
        Answer account = admin("GET", "/accounts/user/" + server.paidUserId());

        assertThat(account.status()).as(account.body().toString()).isEqualTo(200);
        String customer = server.customerIdOf("user", server.paidUserId());
        assertThat(customer).startsWith("cus_");
        assertThat(account.body().get("account").get("customer").asText()).isEqualTo(customer);
        JsonNode subscriptions = account.body().get("snapshot").get("subscriptions");
        assertThat(subscriptions).as(account.body().toString()).anySatisfy(subscription -> {
            assertThat(subscription.get("status").asText()).isEqualTo("active");
            assertThat(subscription.get("items").findValuesAsText("lookupKey")).contains("pro_monthly");
        });
        assertThat(account.body().get("snapshot").get("invoices")).as("the checkout's invoice").isNotEmpty();
    }

    @Test
    void theOrganizationIsASecondOwnerWithItsOwnCustomer() {
        Answer account = admin("GET", "/accounts/organization/" + server.organizationId());

        assertThat(account.status()).as(account.body().toString()).isEqualTo(200);
        String customer = server.customerIdOf("organization", server.organizationId());
        assertThat(account.body().get("account").get("customer").asText()).isEqualTo(customer);
        assertThat(customer).isNotEqualTo(server.customerIdOf("user", server.paidUserId()));
    }

    @Test
    void theFailedEventIsListedAsFailedAndItsRetrySucceeds() {
        assertThat(server.failedEventSource()).isIn("stripe", "clerk");
        JsonNode failed = listed("failed").orElseThrow(() -> new AssertionError("not listed as failed"));
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("attempts").asInt()).as("tried for real").isPositive();
        assertThat(failed.get("lastErrorCode").asText()).isEqualTo("provider_unavailable");
        assertThat(listed("processed")).as("not processed yet").isEmpty();
        String nameBefore = profileNameOfPaidUser();

        Answer retried = admin("POST", "/webhook-events/" + server.failedEventSource() + "/"
                + server.failedEventId() + "/retry");

        assertThat(retried.status()).as(retried.body().toString()).isEqualTo(200);
        SystemUnderTest.await("the retried event to be processed", Duration.ofSeconds(30),
                () -> listed("processed").isPresent());
        assertThat(listed("failed")).as("no longer failed").isEmpty();
        assertThat(profileNameOfPaidUser()).as("the retry did the event's work: the renamed profile is synced")
                .isNotEqualTo(nameBefore).isNotBlank();
    }
}

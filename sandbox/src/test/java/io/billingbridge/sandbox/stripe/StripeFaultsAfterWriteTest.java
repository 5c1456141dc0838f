package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.ApiException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerSearchParams;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults after the write: the request runs and is stored, then its response is lost (a 500 or no answer). */
class StripeFaultsAfterWriteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StripeEmulator emulator;
    private StripeClient stripe;

    @BeforeEach
    void start() {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder().build());
        stripe = client(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static CustomerCreateParams named(String name) {
        return CustomerCreateParams.builder().setName(name).putMetadata("test", name).build();
    }

    private List<Customer> customersNamed(String name) throws StripeException {
        return stripe.v1().customers().list().getData().stream().filter(c -> name.equals(c.getName())).toList();
    }

    /** A POST of a customer over plain HTTP (no client-side retry of any kind), with an optional key. */
    private HttpResponse<String> postCustomer(String name, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v1/customers"))
                .header("Authorization", "Bearer " + StripeTestSupport.KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + name));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> controls(String method, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/_sandbox/faults"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWriteFailedAfterItRanLeavesTheObjectAndARetryWithTheSameKeyReturnsIt() throws Exception {
        emulator.failNextAfterWrite(1, 500);
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("after-write-500").build();

        assertThatThrownBy(() -> stripe.v1().customers().create(named("lost-500"), key))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(500));
        List<Customer> stored = customersNamed("lost-500");
        assertThat(stored).as("the write happened although the client saw a 500").hasSize(1);

        Customer retried = stripe.v1().customers().create(named("lost-500"), key);

        assertThat(retried.getId()).isEqualTo(stored.get(0).getId());
        assertThat(retried.getLastResponse().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(customersNamed("lost-500")).hasSize(1);
    }

    @Test
    void withoutAKeyTheClientsRetryAfterALostResponseMakesASecondObject() throws Exception {
        emulator.failNextAfterWrite(1, 503);

        HttpResponse<String> lost = postCustomer("unkeyed", null);
        assertThat(lost.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(lost.body()).get("error").get("type").asText()).isEqualTo("api_error");
        HttpResponse<String> retried = postCustomer("unkeyed", null);

        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(customersNamed("unkeyed")).as("exactly what an idempotency key prevents").hasSize(2);
    }

    @Test
    void aDroppedConnectionAfterTheWriteAnswersNothingAndTheKeyedRetryReplaysTheObject() throws Exception {
        emulator.dropNextAfterWrite(1);

        assertThatThrownBy(() -> postCustomer("dropped", "after-write-drop")).isInstanceOf(IOException.class);
        List<Customer> stored = customersNamed("dropped");
        assertThat(stored).as("the write happened although no response came").hasSize(1);

        HttpResponse<String> retried = postCustomer("dropped", "after-write-drop");

        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retried.body()).get("id").asText()).isEqualTo(stored.get(0).getId());
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(customersNamed("dropped")).hasSize(1);
    }

    @Test
    void withoutAKeyARetryAfterADroppedConnectionMakesASecondObject() throws Exception {
        emulator.dropNextAfterWrite(1);

        assertThatThrownBy(() -> postCustomer("dropped-unkeyed", null)).isInstanceOf(IOException.class);
        assertThat(postCustomer("dropped-unkeyed", null).statusCode()).isEqualTo(200);

        assertThat(customersNamed("dropped-unkeyed")).hasSize(2);
    }

    @Test
    void readsAndRefusedWritesDoNotUseUpAfterWriteFaults() throws Exception {
        emulator.failNextAfterWrite(1, 500);
        stripe.v1().customers().list();
        HttpResponse<String> invalid = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl()
                + "/v1/customers")).header("Authorization", "Bearer " + StripeTestSupport.KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("no_such_param=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(invalid.statusCode()).isEqualTo(400);

        assertThat(postCustomer("first-write", null).statusCode()).as("the first write that ran").isEqualTo(500);
        assertThat(postCustomer("second-write", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aReplayedWriteCanLoseItsResponseToo() throws Exception {
        assertThat(postCustomer("replayed", "replay-key").statusCode()).isEqualTo(200);
        emulator.failNextAfterWrite(1, 500);

        assertThat(postCustomer("replayed", "replay-key").statusCode()).isEqualTo(500);
        HttpResponse<String> replayed = postCustomer("replayed", "replay-key");

        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(customersNamed("replayed")).hasSize(1);
    }

    @Test
    void searchLagsNewCustomersUntilTheLagPassesOrTheFaultsAreCleared() throws Exception {
        emulator.searchLag(Duration.ofMinutes(1));
        Customer created = stripe.v1().customers().create(named("lagging"));
        CustomerSearchParams byMetadata = CustomerSearchParams.builder().setQuery("metadata['test']:'lagging'")
                .build();

        assertThat(stripe.v1().customers().search(byMetadata).getData()).as("not indexed yet").isEmpty();
        assertThat(stripe.v1().customers().retrieve(created.getId()).getId()).isEqualTo(created.getId());
        assertThat(customersNamed("lagging")).hasSize(1);

        emulator.clearFaults();
        assertThat(stripe.v1().customers().search(byMetadata).getData()).extracting(Customer::getId)
                .containsExactly(created.getId());
    }

    @Test
    void afterWriteFaultsAndSearchLagAreSetShownAndClearedOverHttp() throws Exception {
        JsonNode set = JSON.readTree(controls("POST", "fail_after_write=2&after_write_status=503&drop_after_write=1"
                + "&search_lag_ms=1500").body());
        assertThat(set.get("fail_after_write").asInt()).isEqualTo(2);
        assertThat(set.get("after_write_status").asInt()).isEqualTo(503);
        assertThat(set.get("drop_after_write").asInt()).isEqualTo(1);
        assertThat(set.get("search_lag_ms").asLong()).isEqualTo(1500);

        assertThat(postCustomer("over-http", null).statusCode()).isEqualTo(503);
        assertThat(postCustomer("over-http", null).statusCode()).isEqualTo(503);
        assertThatThrownBy(() -> postCustomer("over-http", null)).isInstanceOf(IOException.class);
        assertThat(postCustomer("over-http", null).statusCode()).isEqualTo(200);
        assertThat(customersNamed("over-http")).hasSize(4);

        assertThat(controls("POST", "fail_after_write=1&after_write_status=429").statusCode()).isEqualTo(400);
        JsonNode cleared = JSON.readTree(controls("DELETE", "").body());
        assertThat(cleared.get("fail_after_write").asInt()).isZero();
        assertThat(cleared.get("drop_after_write").asInt()).isZero();
        assertThat(cleared.get("search_lag_ms").asLong()).isZero();
    }
}

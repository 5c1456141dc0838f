package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static io.billingbridge.sandbox.stripe.StripeTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.StripeCollection;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripeProtocolTest {

    private static StripeEmulator emulator;
    private static StripeClient stripe;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder().build());
        stripe = client(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void clearFaults() {
        emulator.clearFaults();
    }

    private static HttpResponse<String> raw(String method, String pathAndQuery, String body, String auth)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unknownParameterIsRejectedWithItsName() {
        assertThatThrownBy(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
                .putExtraParam("favourite_colour", "blue").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo("parameter_unknown");
                    assertThat(e.getParam()).isEqualTo("favourite_colour");
                    assertThat(e.getStripeError().getMessage())
                            .isEqualTo("Received unknown parameter: favourite_colour");
                });
    }

    @Test
    void unknownNestedParameterIsReportedWithFullName() throws Exception {
        HttpResponse<String> response = raw("POST", "/v1/customers", "address[planet]=Mars",
                "Bearer " + StripeTestSupport.KEY);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"param\" : \"address[planet]\"").contains("parameter_unknown");
    }

    @Test
    void unknownQueryParameterOnListIsRejected() {
        assertThatThrownBy(() -> stripe.v1().customers().list(CustomerListParams.builder()
                .putExtraParam("sort", "asc").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("parameter_unknown"));
    }

    @Test
    void missingApiKeyGets401WithStripesBody() throws Exception {
        HttpResponse<String> response = raw("GET", "/v1/customers", null, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("You did not provide an API key.").contains("invalid_request_error");
        assertThat(response.headers().firstValue("Request-Id")).hasValueSatisfying(id -> assertThat(id)
                .startsWith("req_"));
    }

    @Test
    void wrongApiKeyIsAuthenticationException() {
        StripeClient wrong = StripeClient.builder().setApiKey("sk_live_abcdefghijklmnop1234")
                .setApiBase(emulator.baseUrl()).setMaxNetworkRetries(0).build();
        assertThatThrownBy(() -> wrong.v1().customers().list())
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getStripeError().getMessage()).startsWith("Invalid API Key provided: sk_live_")
                            .endsWith("1234").doesNotContain("abcdefghijklmnop");
                });
    }

    @Test
    void basicAuthWithSecretKeyIsAccepted() throws Exception {
        String basic = Base64.getEncoder().encodeToString((StripeTestSupport.KEY + ":").getBytes(
                StandardCharsets.UTF_8));
        assertThat(raw("GET", "/v1/customers?limit=1", null, "Basic " + basic).statusCode()).isEqualTo(200);
    }

    @Test
    void configuredKeysReplaceTheDefaultRule() throws StripeException {
        try (StripeEmulator strict = StripeEmulator.start(StripeEmulatorConfig.builder()
                .secretKeys(Set.of("sk_test_only_this_one")).build())) {
            StripeClient other = client(strict);
            assertThatThrownBy(() -> other.v1().customers().list()).isInstanceOf(AuthenticationException.class);
            StripeClient allowed = StripeClient.builder().setApiKey("sk_test_only_this_one")
                    .setApiBase(strict.baseUrl()).build();
            assertThat(allowed.v1().customers().list().getData()).isEmpty();
        }
    }

    @Test
    void unrecognizedUrlIs404() throws Exception {
        HttpResponse<String> response = raw("GET", "/v1/teleporters", null, "Bearer " + StripeTestSupport.KEY);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Unrecognized request URL (GET: /v1/teleporters)");
    }

    @Test
    void everyResponseCarriesRequestId() throws Exception {
        for (String path : List.of("/v1/customers", "/v1/nothing", "/_sandbox/clock", "/checkout/cs_test_none")) {
            HttpResponse<String> response = raw("GET", path, null, "Bearer " + StripeTestSupport.KEY);
            assertThat(response.headers().firstValue("Request-Id")).as(path).isPresent();
        }
    }

    @Test
    void sameIdempotencyKeyAndParamsReplaysTheFirstResponse() throws StripeException {
        String key = unique("idem");
        CustomerCreateParams params = CustomerCreateParams.builder().setEmail(unique("i") + "@example.com").build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(key).build();
        Customer first = stripe.v1().customers().create(params, options);
        Customer replay = stripe.v1().customers().create(params, options);
        assertThat(replay.getId()).isEqualTo(first.getId());
        assertThat(replay.getLastResponse().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(stripe.v1().customers().list(CustomerListParams.builder().setEmail(params.getEmail()).build())
                .getData()).hasSize(1);
    }

    @Test
    void sameIdempotencyKeyWithOtherParamsIsIdempotencyError() throws StripeException {
        String key = unique("idem");
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(key).build();
        stripe.v1().customers().create(CustomerCreateParams.builder().setName("one").build(), options);
        assertThatThrownBy(() -> stripe.v1().customers().create(CustomerCreateParams.builder().setName("two")
                .build(), options))
                .isInstanceOfSatisfying(IdempotencyException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getStripeError().getType()).isEqualTo("idempotency_error");
                    assertThat(e.getStripeError().getMessage()).contains(key);
                });
    }

    @Test
    void concurrentRequestWithSameKeyGets409() throws Exception {
        String key = unique("inflight");
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(key).build();
        CustomerCreateParams params = CustomerCreateParams.builder().setName("slow").build();
        emulator.addLatency(Duration.ofMillis(1500), 1);
        CompletableFuture<Customer> first = CompletableFuture.supplyAsync(() -> {
            try {
                return stripe.v1().customers().create(params, options);
            } catch (StripeException e) {
                throw new IllegalStateException(e);
            }
        });
        StripeTestSupport.await("first request in flight", Duration.ofSeconds(10),
                () -> emulator.idempotentRequestsInFlight() == 1);
        assertThatThrownBy(() -> stripe.v1().customers().create(params, options))
                .isInstanceOfSatisfying(StripeException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(409);
                    assertThat(e.getCode()).isEqualTo("idempotency_key_in_use");
                });
        Customer created = first.get();
        assertThat(stripe.v1().customers().create(params, options).getId()).isEqualTo(created.getId());
    }

    @Test
    void injectedRateLimitIsRateLimitException() {
        emulator.failNextRequests(1, 429);
        assertThatThrownBy(() -> stripe.v1().customers().list())
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(429);
                    assertThat(e.getCode()).isEqualTo("rate_limit");
                });
    }

    @Test
    void injectedServerErrorIsApiExceptionAndStripeJavaRetriesIt() throws StripeException {
        emulator.failNextRequests(1, 500);
        assertThatThrownBy(() -> stripe.v1().customers().list())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(500));
        emulator.failNextRequests(1, 500);
        assertThat(client(emulator, 2).v1().customers().list().getObject()).isEqualTo("list");
    }

    @Test
    void faultsCanBeSetOverHttp() throws Exception {
        HttpResponse<String> set = raw("POST", "/_sandbox/faults", "fail_next=1&status=429", null);
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(raw("GET", "/v1/customers", null, "Bearer " + StripeTestSupport.KEY).statusCode()).isEqualTo(429);
        assertThat(raw("GET", "/v1/customers", null, "Bearer " + StripeTestSupport.KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void listsPaginateWithCursorsNewestFirst() throws StripeException {
        String email = unique("page") + "@example.com";
        Customer c1 = StripeTestSupport.customer(stripe, email);
        Customer c2 = StripeTestSupport.customer(stripe, email);
        Customer c3 = StripeTestSupport.customer(stripe, email);
        StripeCollection<Customer> page1 = stripe.v1().customers().list(CustomerListParams.builder().setEmail(email)
                .setLimit(2L).build());
        assertThat(page1.getData()).extracting(Customer::getId).containsExactly(c3.getId(), c2.getId());
        assertThat(page1.getHasMore()).isTrue();
        StripeCollection<Customer> page2 = stripe.v1().customers().list(CustomerListParams.builder().setEmail(email)
                .setLimit(2L).setStartingAfter(c2.getId()).build());
        assertThat(page2.getData()).extracting(Customer::getId).containsExactly(c1.getId());
        assertThat(page2.getHasMore()).isFalse();
        StripeCollection<Customer> before = stripe.v1().customers().list(CustomerListParams.builder().setEmail(email)
                .setLimit(1L).setEndingBefore(c1.getId()).build());
        assertThat(before.getData()).extracting(Customer::getId).containsExactly(c2.getId());
        assertThat(before.getHasMore()).isTrue();
    }

    @Test
    void autoPagingIteratesEverything() throws StripeException {
        String email = unique("auto") + "@example.com";
        for (int i = 0; i < 5; i++) {
            StripeTestSupport.customer(stripe, email);
        }
        int count = 0;
        for (Customer ignored : stripe.v1().customers().list(CustomerListParams.builder().setEmail(email)
                .setLimit(2L).build()).autoPagingIterable()) {
            count++;
        }
        assertThat(count).isEqualTo(5);
    }

    @Test
    void limitOutsideOneToHundredIsRejected() {
        assertThatThrownBy(() -> stripe.v1().customers().list(CustomerListParams.builder().setLimit(101L).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam())
                        .isEqualTo("limit"));
        assertThatThrownBy(() -> stripe.v1().customers().list(CustomerListParams.builder().setLimit(0L).build()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void invalidIntegerIsRejected() throws Exception {
        HttpResponse<String> response = raw("GET", "/v1/customers?limit=ten", null,
                "Bearer " + StripeTestSupport.KEY);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("parameter_invalid_integer");
    }

    @Test
    void expandingAPlainFieldIsRejected() throws Exception {
        String id = StripeTestSupport.customer(stripe, unique("x") + "@example.com").getId();
        HttpResponse<String> email = raw("GET", "/v1/customers/" + id + "?expand[]=email", null,
                "Bearer " + StripeTestSupport.KEY);
        assertThat(email.statusCode()).isEqualTo(400);
        assertThat(email.body()).contains("This property cannot be expanded (email).");
        HttpResponse<String> listWithoutData = raw("GET", "/v1/customers?expand[]=email", null,
                "Bearer " + StripeTestSupport.KEY);
        assertThat(listWithoutData.statusCode()).isEqualTo(400);
    }

    @Test
    void startingAfterUnknownIdIsResourceMissing() {
        assertThatThrownBy(() -> stripe.v1().customers().list(CustomerListParams.builder()
                .setStartingAfter("cus_missing").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getCode())
                        .isEqualTo("resource_missing"));
    }
}

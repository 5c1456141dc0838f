package io.billingbridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.http.api.HalfShown;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The document carries the records' rules: which fields are required, which may be null, and nothing else. */
class ApiDocumentTest {
    private static final Set<Class<?>> RESOURCES =
            Set.of(BillingResource.class, WebhookResource.class, AdminResource.class);
    private static final OpenAPI API = ApiDocument.build(RESOURCES);

    private static Schema<?> schema(String name) {
        return API.getComponents().getSchemas().get(name);
    }

    @Test
    void theDocumentIsOpenApi31() {
        assertThat(API.getOpenapi()).isEqualTo("3.1.0");
    }

    @Test
    void detailListsMayBeLeftOutButTheCustomerIsAlwaysThereAndMayBeNull() {
        Schema<?> billing = schema("Billing");
        assertThat(billing.getRequired()).contains("owner", "customer", "subscriptions", "entitlements", "syncedAt",
                "stale").doesNotContain("invoices", "payments", "paymentMethods");
        assertThat(((Schema<?>) billing.getProperties().get("customer")).getTypes())
                .containsExactlyInAnyOrder("string", "null");
        assertThat(((Schema<?>) billing.getProperties().get("invoices")).getTypes()).containsExactly("array");
        assertThat(billing.getAdditionalProperties()).isEqualTo(false);
    }

    @Test
    void aNullableObjectIsItsSchemaOrNull() {
        Schema<?> snapshot = (Schema<?>) schema("AccountDetails").getProperties().get("snapshot");
        assertThat(snapshot.getAnyOf().stream().map(option -> option.get$ref() + " " + option.getTypes()))
                .containsExactly("#/components/schemas/Billing null", "null [null]");
    }

    @Test
    void everyOperationAnswersErrorsInTheErrorShape() {
        API.getPaths().forEach((path, item) -> item.readOperations().forEach(operation ->
                assertThat(operation.getResponses().get("default").get$ref()).as(path)
                        .isEqualTo("#/components/responses/Error")));
        assertThat(schema("ErrorDetail").getRequired()).containsExactlyInAnyOrder("type", "code", "message");
    }

    @Test
    void theSessionEndpointsAcceptTheHeaderOrTheCookie() {
        assertThat(API.getPaths().get("/v1/billing/customer").getGet().getSecurity())
                .extracting(requirement -> requirement.keySet())
                .containsExactly(Set.of(ApiDocument.SESSION_TOKEN), Set.of(ApiDocument.SESSION_COOKIE));
    }

    @Test
    void retryAfterIsDocumentedAsWholeSecondsInTheServedJson() throws Exception {
        JsonNode served = new ObjectMapper().readTree(ApiDocument.json(RESOURCES));
        for (String response : List.of("RateLimited", "Unavailable")) {
            JsonNode schema = served.at("/components/responses/" + response + "/headers/Retry-After/schema");
            assertThat(schema.get("type").asText()).as(response).isEqualTo("string");
            assertThat(schema.get("pattern").asText()).as(response).isEqualTo("^[0-9]+$");
        }
    }

    @Test
    void aRecordWhoseJsonDoesNotShowEveryComponentCannotBeDocumented() {
        assertThatThrownBy(() -> ApiDocument.build(Set.of(HalfShownResource.class)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("HalfShown");
    }

    /** A resource answering with a record that hides a component from its JSON. */
    @Path("/half-shown")
    public static final class HalfShownResource {
        @GET
        public HalfShown get() {
            return new HalfShown("shown", "hidden");
        }
    }
}

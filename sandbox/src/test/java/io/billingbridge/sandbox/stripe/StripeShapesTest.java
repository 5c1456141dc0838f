package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.checkout.Session;
import com.stripe.param.ProductFeatureCreateParams;
import com.stripe.param.entitlements.FeatureCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks that every resource the emulator returns has exactly the top-level keys of Stripe's own example
 * object for API version 2026-07-29.dahlia (the key lists below were taken from Stripe's OpenAPI fixtures).
 */
class StripeShapesTest {

    private static final Map<String, List<String>> STRIPE_KEYS = Map.ofEntries(
            Map.entry("billing_portal.configuration", List.of("active", "application", "business_profile", "created",
                    "default_return_url", "features", "id", "is_default", "livemode", "login_page", "metadata",
                    "name", "object", "updated")),
            Map.entry("billing_portal.session", List.of("configuration", "created", "customer", "customer_account",
                    "flow", "id", "livemode", "locale", "object", "on_behalf_of", "return_url", "url")),
            Map.entry("charge", List.of("amount", "amount_captured", "amount_refunded", "application",
                    "application_fee", "application_fee_amount", "balance_transaction", "billing_details",
                    "calculated_statement_descriptor", "captured", "created", "currency", "customer", "description",
                    "disputed", "failure_balance_transaction", "failure_code", "failure_message", "fraud_details",
                    "id", "livemode", "metadata", "object", "on_behalf_of", "outcome", "paid", "payment_intent",
                    "payment_method", "payment_method_details", "receipt_email", "receipt_number", "receipt_url",
                    "refunded", "refunds", "review", "shipping", "source", "source_transfer", "statement_descriptor",
                    "statement_descriptor_suffix", "status", "transfer_data", "transfer_group")),
            Map.entry("checkout.session", List.of("adaptive_pricing", "after_expiration", "allow_promotion_codes",
                    "amount_subtotal", "amount_total", "automatic_tax", "billing_address_collection", "cancel_url",
                    "client_reference_id", "client_secret", "collected_information", "consent", "consent_collection",
                    "created", "currency", "currency_conversion", "custom_fields", "custom_text", "customer",
                    "customer_account", "customer_creation", "customer_details", "customer_email", "discounts",
                    "expires_at", "id", "integration_identifier", "invoice", "invoice_creation", "livemode", "locale",
                    "managed_payments", "metadata", "mode", "object", "origin_context", "payment_intent",
                    "payment_link", "payment_method_collection", "payment_method_configuration_details",
                    "payment_method_options", "payment_method_types", "payment_status", "permissions",
                    "phone_number_collection", "recovered_from", "saved_payment_method_options", "setup_intent",
                    "shipping_address_collection", "shipping_cost", "shipping_options", "status", "submit_type",
                    "subscription", "success_url", "total_details", "ui_mode", "url", "wallet_options")),
            Map.entry("customer", List.of("address", "balance", "created", "currency", "default_source", "delinquent",
                    "description", "discount", "email", "id", "invoice_prefix", "invoice_settings", "livemode",
                    "metadata", "name", "next_invoice_sequence", "object", "phone", "preferred_locales", "shipping",
                    "tax_exempt", "test_clock")),
            Map.entry("deleted_customer", List.of("deleted", "id", "object")),
            Map.entry("entitlements.active_entitlement", List.of("feature", "id", "livemode", "lookup_key",
                    "object")),
            Map.entry("entitlements.feature", List.of("active", "id", "livemode", "lookup_key", "metadata", "name",
                    "object")),
            Map.entry("event", List.of("api_version", "created", "data", "id", "livemode", "object",
                    "pending_webhooks", "request", "type")),
            Map.entry("invoice", List.of("account_country", "account_name", "account_tax_ids", "amount_due",
                    "amount_overpaid", "amount_paid", "amount_remaining", "amount_shipping", "application",
                    "attempt_count", "attempted", "auto_advance", "automatic_tax", "automatically_finalizes_at",
                    "billing_reason", "collection_method", "created", "currency", "custom_fields", "customer",
                    "customer_account", "customer_address", "customer_email", "customer_name", "customer_phone",
                    "customer_shipping", "customer_tax_exempt", "customer_tax_ids", "default_payment_method",
                    "default_source", "default_tax_rates", "description", "discounts", "due_date", "effective_at",
                    "ending_balance", "footer", "from_invoice", "hosted_invoice_url", "id", "invoice_pdf", "issuer",
                    "last_finalization_error", "latest_revision", "lines", "livemode", "metadata",
                    "next_payment_attempt", "number", "object", "on_behalf_of", "parent", "payment_settings",
                    "period_end", "period_start", "post_payment_credit_notes_amount",
                    "pre_payment_credit_notes_amount", "receipt_number", "rendering", "shipping_cost",
                    "shipping_details", "starting_balance", "statement_descriptor", "status", "status_transitions",
                    "subscription", "subtotal", "subtotal_excluding_tax", "test_clock", "total",
                    "total_discount_amounts", "total_excluding_tax", "total_pretax_credit_amounts", "total_taxes",
                    "webhooks_delivered_at")),
            Map.entry("line_item", List.of("amount", "currency", "description", "discount_amounts", "discountable",
                    "discounts", "id", "invoice", "livemode", "metadata", "object", "parent", "period",
                    "pretax_credit_amounts", "pricing", "quantity", "quantity_decimal", "subscription", "subtotal",
                    "taxes")),
            Map.entry("payment_intent", List.of("amount", "amount_capturable", "amount_details", "amount_received",
                    "application", "application_fee_amount", "automatic_payment_methods", "canceled_at",
                    "cancellation_reason", "capture_method", "client_secret", "confirmation_method", "created",
                    "currency", "customer", "customer_account", "description", "excluded_payment_method_types", "id",
                    "last_payment_error", "latest_charge", "livemode", "managed_payments", "metadata", "next_action",
                    "object", "on_behalf_of", "payment_method", "payment_method_configuration_details",
                    "payment_method_options", "payment_method_types", "processing", "receipt_email", "review",
                    "setup_future_usage", "shipping", "source", "statement_descriptor", "statement_descriptor_suffix",
                    "status", "transfer_data", "transfer_group")),
            Map.entry("payment_method", List.of("allow_redisplay", "billing_details", "card", "created", "customer",
                    "customer_account", "id", "livemode", "metadata", "object", "type")),
            Map.entry("price", List.of("active", "billing_scheme", "created", "currency", "custom_unit_amount", "id",
                    "livemode", "lookup_key", "metadata", "nickname", "object", "product", "recurring",
                    "tax_behavior", "tiers_mode", "transform_quantity", "type", "unit_amount",
                    "unit_amount_decimal")),
            Map.entry("product", List.of("active", "created", "default_price", "description", "id", "images",
                    "livemode", "marketing_features", "metadata", "name", "object", "package_dimensions", "shippable",
                    "statement_descriptor", "tax_code", "type", "unit_label", "updated", "url")),
            Map.entry("product_feature", List.of("entitlement_feature", "id", "livemode", "object")),
            Map.entry("subscription", List.of("application", "application_fee_percent", "automatic_tax",
                    "billing_cycle_anchor", "billing_cycle_anchor_config", "billing_mode", "billing_schedules",
                    "billing_thresholds", "cancel_at", "cancel_at_period_end", "canceled_at", "cancellation_details",
                    "collection_method", "created", "currency", "customer", "customer_account", "days_until_due",
                    "default_payment_method", "default_source", "default_tax_rates", "description", "discounts",
                    "ended_at", "id", "invoice_settings", "items", "latest_invoice", "livemode", "managed_payments",
                    "metadata", "next_pending_invoice_item_invoice", "object", "on_behalf_of", "pause_collection",
                    "payment_settings", "pending_invoice_item_interval", "pending_setup_intent", "pending_update",
                    "schedule", "start_date", "status", "test_clock", "transfer_data", "trial_end", "trial_settings",
                    "trial_start")),
            Map.entry("subscription_item", List.of("billing_thresholds", "created", "current_period_end",
                    "current_period_start", "discounts", "id", "metadata", "object", "plan", "price", "quantity",
                    "subscription", "tax_rates")));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> SAMPLES = new HashMap<>();

    private static StripeEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder().build());
        StripeClient stripe = client(emulator);
        Product product = StripeTestSupport.product(stripe, "Shapes");
        Price price = StripeTestSupport.monthly(stripe, product.getId(), 1500);
        String featureId = stripe.v1().entitlements().features().create(FeatureCreateParams.builder()
                .setName("Shapes").setLookupKey("shapes").build()).getId();
        stripe.v1().products().features().create(product.getId(), ProductFeatureCreateParams.builder()
                .setEntitlementFeature(featureId).build());
        Session session = stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                price.getId(), 1).setCustomerEmail("shapes@example.com").build());
        emulator.completeCheckout(session.getId(), "4242424242424242");
        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        String customer = paid.getCustomer();
        JsonNode subscription = get("/v1/subscriptions/" + paid.getSubscription());
        JsonNode invoice = get("/v1/invoices/" + subscription.get("latest_invoice").asText());
        JsonNode charge = get("/v1/charges?customer=" + customer).get("data").get(0);

        SAMPLES.put("customer", get("/v1/customers/" + customer));
        SAMPLES.put("product", get("/v1/products/" + product.getId()));
        SAMPLES.put("price", get("/v1/prices/" + price.getId()));
        SAMPLES.put("entitlements.feature", get("/v1/entitlements/features/" + featureId));
        SAMPLES.put("product_feature", get("/v1/products/" + product.getId() + "/features").get("data").get(0));
        SAMPLES.put("entitlements.active_entitlement", get("/v1/entitlements/active_entitlements?customer="
                + customer).get("data").get(0));
        SAMPLES.put("checkout.session", get("/v1/checkout/sessions/" + session.getId()));
        SAMPLES.put("subscription", subscription);
        SAMPLES.put("subscription_item", get("/v1/subscription_items/"
                + subscription.get("items").get("data").get(0).get("id").asText()));
        SAMPLES.put("invoice", invoice);
        SAMPLES.put("line_item", get("/v1/invoices/" + invoice.get("id").asText() + "/lines").get("data").get(0));
        SAMPLES.put("payment_intent", get("/v1/payment_intents/" + charge.get("payment_intent").asText()));
        SAMPLES.put("charge", charge);
        SAMPLES.put("payment_method", get("/v1/customers/" + customer + "/payment_methods").get("data").get(0));
        SAMPLES.put("event", get("/v1/events?limit=1").get("data").get(0));
        SAMPLES.put("billing_portal.session", JSON.readTree(stripe.v1().billingPortal().sessions()
                .create(com.stripe.param.billingportal.SessionCreateParams.builder().setCustomer(customer).build())
                .getLastResponse().body()));
        SAMPLES.put("billing_portal.configuration", get("/v1/billing_portal/configurations").get("data").get(0));
        Customer other = StripeTestSupport.customer(stripe, "deleted@example.com");
        SAMPLES.put("deleted_customer", JSON.readTree(stripe.v1().customers().delete(other.getId())
                .getLastResponse().body()));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Authorization", "Bearer " + StripeTestSupport.KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static List<String> resources() {
        return STRIPE_KEYS.keySet().stream().sorted().toList();
    }

    @ParameterizedTest
    @MethodSource("resources")
    void topLevelKeysMatchStripe(String resource) {
        JsonNode sample = SAMPLES.get(resource);
        assertThat(sample).as("a sample of " + resource).isNotNull();
        List<String> keys = new ArrayList<>();
        sample.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as(resource).containsExactlyInAnyOrderElementsOf(STRIPE_KEYS.get(resource));
    }
}

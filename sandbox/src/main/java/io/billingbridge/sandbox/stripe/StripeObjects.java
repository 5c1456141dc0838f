package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * Skeletons of Stripe objects with every top-level key Stripe returns for API version
 * {@value StripeEmulatorConfig#API_VERSION}, defaulted as Stripe defaults them; callers fill in the rest.
 */
final class StripeObjects {

    private StripeObjects() {
    }

    private static ObjectNode base(String id, String object) {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("object", object);
        return node;
    }

    static ObjectNode customer(String id, long created) {
        ObjectNode node = base(id, "customer");
        node.putNull("address");
        node.put("balance", 0);
        node.put("created", created);
        node.putNull("currency");
        node.putNull("default_source");
        node.put("delinquent", false);
        node.putNull("description");
        node.putNull("discount");
        node.putNull("email");
        node.put("invoice_prefix", Ids.invoicePrefix());
        ObjectNode invoiceSettings = Json.object();
        invoiceSettings.putNull("custom_fields");
        invoiceSettings.putNull("default_payment_method");
        invoiceSettings.putNull("footer");
        invoiceSettings.putNull("rendering_options");
        node.set("invoice_settings", invoiceSettings);
        node.put("livemode", false);
        node.set("metadata", Json.object());
        node.putNull("name");
        node.put("next_invoice_sequence", 1);
        node.putNull("phone");
        node.set("preferred_locales", Json.array());
        node.putNull("shipping");
        node.put("tax_exempt", "none");
        node.putNull("test_clock");
        return node;
    }

    static ObjectNode product(String id, long created, String name) {
        ObjectNode node = base(id, "product");
        node.put("active", true);
        node.put("created", created);
        node.putNull("default_price");
        node.putNull("description");
        node.set("images", Json.array());
        node.put("livemode", false);
        node.set("marketing_features", Json.array());
        node.set("metadata", Json.object());
        node.put("name", name);
        node.putNull("package_dimensions");
        node.putNull("shippable");
        node.putNull("statement_descriptor");
        node.putNull("tax_code");
        node.put("type", "service");
        node.putNull("unit_label");
        node.put("updated", created);
        node.putNull("url");
        return node;
    }

    static ObjectNode price(String id, long created, String product, String currency, long unitAmount) {
        ObjectNode node = base(id, "price");
        node.put("active", true);
        node.put("billing_scheme", "per_unit");
        node.put("created", created);
        node.put("currency", currency);
        node.putNull("custom_unit_amount");
        node.put("livemode", false);
        node.putNull("lookup_key");
        node.set("metadata", Json.object());
        node.putNull("nickname");
        node.put("product", product);
        node.putNull("recurring");
        node.put("tax_behavior", "unspecified");
        node.putNull("tiers_mode");
        node.putNull("transform_quantity");
        node.put("type", "one_time");
        node.put("unit_amount", unitAmount);
        node.put("unit_amount_decimal", Long.toString(unitAmount));
        return node;
    }

    static ObjectNode recurring(String interval, long intervalCount, Long trialPeriodDays) {
        return recurring(interval, intervalCount, trialPeriodDays, null);
    }

    /** A price's {@code recurring} hash; a non-null meter makes it {@code metered}. */
    static ObjectNode recurring(String interval, long intervalCount, Long trialPeriodDays, String meter) {
        ObjectNode recurring = Json.object();
        recurring.put("interval", interval);
        recurring.put("interval_count", intervalCount);
        recurring.put("meter", meter);
        recurring.put("trial_period_days", trialPeriodDays);
        recurring.put("usage_type", meter == null ? "licensed" : "metered");
        return recurring;
    }

    /** Whether a price is billed in arrears from a meter's usage rather than by quantity. */
    static boolean metered(JsonNode price) {
        return "metered".equals(price.path("recurring").path("usage_type").asText());
    }

    /** The legacy plan view of a recurring price, still embedded in subscription items. */
    static ObjectNode plan(ObjectNode price) {
        ObjectNode node = base(price.get("id").asText(), "plan");
        node.put("active", price.get("active").asBoolean());
        node.set("amount", price.get("unit_amount"));
        node.set("amount_decimal", price.get("unit_amount_decimal"));
        node.put("billing_scheme", "per_unit");
        node.set("created", price.get("created"));
        node.set("currency", price.get("currency"));
        node.put("interval", price.path("recurring").path("interval").asText());
        node.put("interval_count", price.path("recurring").path("interval_count").asLong(1));
        node.put("livemode", false);
        node.set("metadata", price.get("metadata").deepCopy());
        node.set("meter", price.path("recurring").path("meter").isTextual()
                ? price.get("recurring").get("meter") : null);
        node.set("nickname", price.get("nickname"));
        node.set("product", price.get("product"));
        node.putNull("tiers_mode");
        node.putNull("transform_usage");
        node.putNull("trial_period_days");
        node.put("usage_type", metered(price) ? "metered" : "licensed");
        return node;
    }

    static ObjectNode feature(String id, String name, String lookupKey) {
        ObjectNode node = base(id, "entitlements.feature");
        node.put("active", true);
        node.put("livemode", false);
        node.put("lookup_key", lookupKey);
        node.set("metadata", Json.object());
        node.put("name", name);
        return node;
    }

    static ObjectNode productFeature(String id, ObjectNode feature, String product) {
        ObjectNode node = base(id, "product_feature");
        node.set("entitlement_feature", feature.deepCopy());
        node.put("livemode", false);
        node.put("_product", product);
        return node;
    }

    static ObjectNode activeEntitlement(String id, ObjectNode feature) {
        ObjectNode node = base(id, "entitlements.active_entitlement");
        node.put("feature", feature.get("id").asText());
        node.put("livemode", false);
        node.set("lookup_key", feature.get("lookup_key"));
        return node;
    }

    static ObjectNode checkoutSession(String id, long created, String mode, String url) {
        ObjectNode node = base(id, "checkout.session");
        node.putNull("adaptive_pricing");
        node.putNull("after_expiration");
        node.putNull("allow_promotion_codes");
        node.putNull("amount_subtotal");
        node.putNull("amount_total");
        ObjectNode tax = Json.object();
        tax.put("enabled", false);
        tax.putNull("liability");
        tax.putNull("provider");
        tax.putNull("status");
        node.set("automatic_tax", tax);
        node.putNull("billing_address_collection");
        node.putNull("cancel_url");
        node.putNull("client_reference_id");
        node.putNull("client_secret");
        node.putNull("collected_information");
        node.putNull("consent");
        node.putNull("consent_collection");
        node.put("created", created);
        node.putNull("currency");
        node.putNull("currency_conversion");
        node.set("custom_fields", Json.array());
        ObjectNode customText = Json.nulls("after_submit", "shipping_address", "submit",
                "terms_of_service_acceptance");
        node.set("custom_text", customText);
        node.putNull("customer");
        node.putNull("customer_account");
        node.putNull("customer_creation");
        node.putNull("customer_details");
        node.putNull("customer_email");
        node.set("discounts", Json.array());
        node.put("expires_at", created + 24 * 3600);
        node.put("id", id);
        node.putNull("integration_identifier");
        node.putNull("invoice");
        node.putNull("invoice_creation");
        node.put("livemode", false);
        node.putNull("locale");
        node.putNull("managed_payments");
        node.set("metadata", Json.object());
        node.put("mode", mode);
        node.putNull("origin_context");
        node.putNull("payment_intent");
        node.putNull("payment_link");
        node.put("payment_method_collection", "always");
        node.putNull("payment_method_configuration_details");
        node.set("payment_method_options", Json.object());
        ArrayNode types = Json.array();
        types.add("card");
        node.set("payment_method_types", types);
        node.put("payment_status", "setup".equals(mode) ? "no_payment_required" : "unpaid");
        ObjectNode permissions = Json.object();
        permissions.putNull("update_shipping_details");
        node.set("permissions", permissions);
        ObjectNode phone = Json.object();
        phone.put("enabled", false);
        node.set("phone_number_collection", phone);
        node.putNull("recovered_from");
        node.putNull("saved_payment_method_options");
        node.putNull("setup_intent");
        node.putNull("shipping_address_collection");
        node.putNull("shipping_cost");
        node.set("shipping_options", Json.array());
        node.put("status", "open");
        node.putNull("submit_type");
        node.putNull("subscription");
        node.putNull("success_url");
        node.putNull("total_details");
        node.put("ui_mode", "hosted");
        node.put("url", url);
        node.putNull("wallet_options");
        return node;
    }

    /** A Checkout line item ({@code object: item}). */
    static ObjectNode checkoutItem(String id, ObjectNode price, long quantity, String description) {
        ObjectNode node = base(id, "item");
        long amount = price.path("unit_amount").asLong() * quantity;
        node.put("amount_discount", 0);
        node.put("amount_subtotal", amount);
        node.put("amount_tax", 0);
        node.put("amount_total", amount);
        node.set("currency", price.get("currency"));
        node.put("description", description);
        node.set("price", price.deepCopy());
        node.put("quantity", quantity);
        return node;
    }

    static ObjectNode portalConfiguration(String id, long created, boolean isDefault) {
        ObjectNode node = base(id, "billing_portal.configuration");
        node.put("active", true);
        node.putNull("application");
        node.set("business_profile", Json.nulls("headline", "privacy_policy_url", "terms_of_service_url"));
        node.put("created", created);
        node.putNull("default_return_url");
        ObjectNode features = Json.object();
        ObjectNode enabled = Json.object();
        enabled.put("enabled", true);
        ObjectNode customerUpdate = Json.object();
        customerUpdate.set("allowed_updates", Json.array().add("email").add("name"));
        customerUpdate.put("enabled", true);
        features.set("customer_update", customerUpdate);
        features.set("invoice_history", enabled.deepCopy());
        ObjectNode pmUpdate = Json.object();
        pmUpdate.put("enabled", true);
        pmUpdate.putNull("payment_method_configuration");
        features.set("payment_method_update", pmUpdate);
        ObjectNode cancel = Json.object();
        ObjectNode reason = Json.object();
        reason.put("enabled", false);
        reason.set("options", Json.array());
        cancel.set("cancellation_reason", reason);
        cancel.put("enabled", true);
        cancel.put("mode", "at_period_end");
        cancel.put("proration_behavior", "none");
        features.set("subscription_cancel", cancel);
        ObjectNode update = Json.object();
        update.putNull("billing_cycle_anchor");
        update.set("default_allowed_updates", Json.array().add("price").add("quantity"));
        update.put("enabled", true);
        update.set("products", Json.array());
        update.put("proration_behavior", "none");
        update.putNull("schedule_at_period_end");
        update.put("trial_update_behavior", "end_trial");
        features.set("subscription_update", update);
        node.set("features", features);
        node.put("is_default", isDefault);
        node.put("livemode", false);
        ObjectNode login = Json.object();
        login.put("enabled", false);
        login.putNull("url");
        node.set("login_page", login);
        node.set("metadata", Json.object());
        node.putNull("name");
        node.put("updated", created);
        return node;
    }

    static ObjectNode portalSession(String id, long created, String customer, String configuration, String url) {
        ObjectNode node = base(id, "billing_portal.session");
        node.put("configuration", configuration);
        node.put("created", created);
        node.put("customer", customer);
        node.putNull("customer_account");
        node.putNull("flow");
        node.put("livemode", false);
        node.putNull("locale");
        node.putNull("on_behalf_of");
        node.putNull("return_url");
        node.put("url", url);
        return node;
    }

    static ObjectNode subscription(String id, long created, String customer, String currency) {
        ObjectNode node = base(id, "subscription");
        node.putNull("application");
        node.putNull("application_fee_percent");
        ObjectNode tax = Json.object();
        tax.putNull("disabled_reason");
        tax.put("enabled", false);
        tax.putNull("liability");
        node.set("automatic_tax", tax);
        node.put("billing_cycle_anchor", created);
        node.putNull("billing_cycle_anchor_config");
        ObjectNode billingMode = Json.object();
        billingMode.put("type", "flexible");
        billingMode.set("flexible", Json.nulls("proration_discounts"));
        node.set("billing_mode", billingMode);
        node.set("billing_schedules", Json.array());
        node.putNull("billing_thresholds");
        node.putNull("cancel_at");
        node.put("cancel_at_period_end", false);
        node.putNull("canceled_at");
        node.set("cancellation_details", Json.nulls("comment", "feedback", "reason"));
        node.put("collection_method", "charge_automatically");
        node.put("created", created);
        node.put("currency", currency);
        node.put("customer", customer);
        node.putNull("customer_account");
        node.putNull("days_until_due");
        node.putNull("default_payment_method");
        node.putNull("default_source");
        node.set("default_tax_rates", Json.array());
        node.putNull("description");
        node.set("discounts", Json.array());
        node.putNull("ended_at");
        ObjectNode invoiceSettings = Json.object();
        invoiceSettings.putNull("account_tax_ids");
        ObjectNode issuer = Json.object();
        issuer.put("type", "self");
        invoiceSettings.set("issuer", issuer);
        node.set("invoice_settings", invoiceSettings);
        node.set("items", Json.list("/v1/subscription_items?subscription=" + id, Json.array(), false));
        node.putNull("latest_invoice");
        node.put("livemode", false);
        node.putNull("managed_payments");
        node.set("metadata", Json.object());
        node.putNull("next_pending_invoice_item_invoice");
        node.putNull("on_behalf_of");
        node.putNull("pause_collection");
        ObjectNode paymentSettings = Json.object();
        paymentSettings.putNull("payment_method_options");
        paymentSettings.putNull("payment_method_types");
        paymentSettings.put("save_default_payment_method", "off");
        node.set("payment_settings", paymentSettings);
        node.putNull("pending_invoice_item_interval");
        node.putNull("pending_setup_intent");
        node.putNull("pending_update");
        node.putNull("schedule");
        node.put("start_date", created);
        node.put("status", "incomplete");
        node.putNull("test_clock");
        node.putNull("transfer_data");
        node.putNull("trial_end");
        ObjectNode trialSettings = Json.object();
        ObjectNode endBehavior = Json.object();
        endBehavior.put("missing_payment_method", "create_invoice");
        trialSettings.set("end_behavior", endBehavior);
        node.set("trial_settings", trialSettings);
        node.putNull("trial_start");
        return node;
    }

    static ObjectNode subscriptionItem(String id, long created, String subscription, ObjectNode price, long quantity,
            long periodStart, long periodEnd) {
        ObjectNode node = base(id, "subscription_item");
        node.putNull("billing_thresholds");
        node.put("created", created);
        node.put("current_period_end", periodEnd);
        node.put("current_period_start", periodStart);
        node.set("discounts", Json.array());
        node.set("metadata", Json.object());
        node.set("plan", plan(price));
        node.set("price", price.deepCopy());
        if (metered(price)) {
            // A metered item has no quantity: usage reported to its meter is billed at the period's end.
            node.putNull("quantity");
        } else {
            node.put("quantity", quantity);
        }
        node.put("subscription", subscription);
        node.set("tax_rates", Json.array());
        return node;
    }

    static ObjectNode invoice(String id, long created, ObjectNode customer, String currency) {
        ObjectNode node = base(id, "invoice");
        node.put("account_country", "US");
        node.put("account_name", "Billing Bridge Sandbox");
        node.putNull("account_tax_ids");
        node.put("amount_due", 0);
        node.put("amount_overpaid", 0);
        node.put("amount_paid", 0);
        node.put("amount_remaining", 0);
        node.put("amount_shipping", 0);
        node.putNull("application");
        node.put("attempt_count", 0);
        node.put("attempted", false);
        node.put("auto_advance", false);
        ObjectNode tax = Json.object();
        tax.putNull("disabled_reason");
        tax.put("enabled", false);
        tax.putNull("liability");
        tax.putNull("provider");
        tax.putNull("status");
        node.set("automatic_tax", tax);
        node.putNull("automatically_finalizes_at");
        node.put("billing_reason", "manual");
        node.put("collection_method", "charge_automatically");
        node.put("created", created);
        node.put("currency", currency);
        node.putNull("custom_fields");
        node.set("customer", customer.get("id"));
        node.putNull("customer_account");
        node.set("customer_address", customer.get("address"));
        node.set("customer_email", customer.get("email"));
        node.set("customer_name", customer.get("name"));
        node.set("customer_phone", customer.get("phone"));
        node.set("customer_shipping", customer.get("shipping"));
        node.put("customer_tax_exempt", "none");
        node.set("customer_tax_ids", Json.array());
        node.putNull("default_payment_method");
        node.putNull("default_source");
        node.set("default_tax_rates", Json.array());
        node.putNull("description");
        node.set("discounts", Json.array());
        node.putNull("due_date");
        node.putNull("effective_at");
        node.putNull("ending_balance");
        node.putNull("footer");
        node.putNull("from_invoice");
        node.putNull("hosted_invoice_url");
        node.putNull("invoice_pdf");
        ObjectNode issuer = Json.object();
        issuer.put("type", "self");
        node.set("issuer", issuer);
        node.putNull("last_finalization_error");
        node.putNull("latest_revision");
        node.set("lines", Json.list("/v1/invoices/" + id + "/lines", Json.array(), false));
        node.put("livemode", false);
        node.set("metadata", Json.object());
        node.putNull("next_payment_attempt");
        node.putNull("number");
        node.putNull("on_behalf_of");
        node.putNull("parent");
        ObjectNode paymentSettings = Json.object();
        paymentSettings.putNull("default_mandate");
        paymentSettings.putNull("payment_method_options");
        paymentSettings.putNull("payment_method_types");
        node.set("payment_settings", paymentSettings);
        node.put("period_end", created);
        node.put("period_start", created);
        node.put("post_payment_credit_notes_amount", 0);
        node.put("pre_payment_credit_notes_amount", 0);
        node.putNull("receipt_number");
        node.putNull("rendering");
        node.putNull("shipping_cost");
        node.putNull("shipping_details");
        node.put("starting_balance", 0);
        node.putNull("statement_descriptor");
        node.put("status", "draft");
        ObjectNode transitions = Json.nulls("finalized_at", "marked_uncollectible_at", "paid_at", "voided_at");
        node.set("status_transitions", transitions);
        node.putNull("subscription");
        node.put("subtotal", 0);
        node.put("subtotal_excluding_tax", 0);
        node.putNull("test_clock");
        node.put("total", 0);
        node.set("total_discount_amounts", Json.array());
        node.put("total_excluding_tax", 0);
        node.set("total_pretax_credit_amounts", Json.array());
        node.set("total_taxes", Json.array());
        node.putNull("webhooks_delivered_at");
        return node;
    }

    /** An invoice line for one subscription item over one period. */
    static ObjectNode invoiceLine(String id, String invoice, ObjectNode item, String description, long periodStart,
            long periodEnd) {
        ObjectNode node = base(id, "line_item");
        ObjectNode price = (ObjectNode) item.get("price");
        long quantity = item.get("quantity").asLong();
        long amount = price.path("unit_amount").asLong() * quantity;
        node.put("amount", amount);
        node.set("currency", price.get("currency"));
        node.put("description", description);
        node.set("discount_amounts", Json.array());
        node.put("discountable", true);
        node.set("discounts", Json.array());
        node.put("invoice", invoice);
        node.put("livemode", false);
        node.set("metadata", Json.object());
        ObjectNode parent = Json.object();
        parent.putNull("invoice_item_details");
        ObjectNode details = Json.object();
        details.putNull("invoice_item");
        details.put("proration", false);
        ObjectNode proration = Json.object();
        proration.putNull("credited_items");
        details.set("proration_details", proration);
        details.set("subscription", item.get("subscription"));
        details.set("subscription_item", item.get("id"));
        parent.set("subscription_item_details", details);
        parent.put("type", "subscription_item_details");
        node.set("parent", parent);
        ObjectNode period = Json.object();
        period.put("end", periodEnd);
        period.put("start", periodStart);
        node.set("period", period);
        node.set("pretax_credit_amounts", Json.array());
        ObjectNode pricing = Json.object();
        ObjectNode priceDetails = Json.object();
        priceDetails.set("price", price.get("id"));
        priceDetails.set("product", price.get("product"));
        pricing.set("price_details", priceDetails);
        pricing.put("type", "price_details");
        pricing.set("unit_amount_decimal", price.get("unit_amount_decimal"));
        node.set("pricing", pricing);
        node.put("quantity", quantity);
        node.put("quantity_decimal", Long.toString(quantity));
        node.set("subscription", item.get("subscription"));
        node.put("subtotal", amount);
        node.set("taxes", Json.array());
        return node;
    }

    /** The record that a payment intent paid an invoice (dahlia invoices no longer name their payment intent). */
    static ObjectNode invoicePayment(String id, long created, ObjectNode invoice, ObjectNode intent) {
        ObjectNode node = base(id, "invoice_payment");
        node.set("amount_paid", intent.get("amount"));
        node.set("amount_requested", intent.get("amount"));
        node.put("created", created);
        node.set("currency", intent.get("currency"));
        node.set("invoice", invoice.get("id"));
        node.put("is_default", true);
        node.put("livemode", false);
        ObjectNode payment = Json.object();
        payment.set("payment_intent", intent.get("id"));
        payment.put("type", "payment_intent");
        node.set("payment", payment);
        node.put("status", "paid");
        ObjectNode transitions = Json.object();
        transitions.putNull("canceled_at");
        transitions.put("paid_at", created);
        node.set("status_transitions", transitions);
        return node;
    }

    static ObjectNode activeEntitlementSummary(String customer, ObjectNode entitlements) {
        ObjectNode node = Json.object();
        node.put("object", "entitlements.active_entitlement_summary");
        node.put("customer", customer);
        node.set("entitlements", entitlements);
        node.put("livemode", false);
        return node;
    }

    static ObjectNode paymentIntent(String id, long created, long amount, String currency) {
        ObjectNode node = base(id, "payment_intent");
        node.put("amount", amount);
        node.put("amount_capturable", 0);
        ObjectNode details = Json.object();
        details.set("tip", Json.object());
        node.set("amount_details", details);
        node.put("amount_received", 0);
        node.putNull("application");
        node.putNull("application_fee_amount");
        node.putNull("automatic_payment_methods");
        node.putNull("canceled_at");
        node.putNull("cancellation_reason");
        node.put("capture_method", "automatic_async");
        node.put("client_secret", id + "_secret_" + Ids.random(25));
        node.put("confirmation_method", "automatic");
        node.put("created", created);
        node.put("currency", currency);
        node.putNull("customer");
        node.putNull("customer_account");
        node.putNull("description");
        node.putNull("excluded_payment_method_types");
        node.putNull("last_payment_error");
        node.putNull("latest_charge");
        node.put("livemode", false);
        node.putNull("managed_payments");
        node.set("metadata", Json.object());
        node.putNull("next_action");
        node.putNull("on_behalf_of");
        node.putNull("payment_method");
        node.putNull("payment_method_configuration_details");
        ObjectNode options = Json.object();
        ObjectNode card = Json.object();
        card.putNull("installments");
        card.putNull("mandate_options");
        card.putNull("network");
        card.put("request_three_d_secure", "automatic");
        options.set("card", card);
        node.set("payment_method_options", options);
        node.set("payment_method_types", Json.array().add("card"));
        node.putNull("processing");
        node.putNull("receipt_email");
        node.putNull("review");
        node.putNull("setup_future_usage");
        node.putNull("shipping");
        node.putNull("source");
        node.putNull("statement_descriptor");
        node.putNull("statement_descriptor_suffix");
        node.put("status", "requires_payment_method");
        node.putNull("transfer_data");
        node.putNull("transfer_group");
        return node;
    }

    static ObjectNode charge(String id, long created, ObjectNode paymentIntent, ObjectNode paymentMethod) {
        ObjectNode node = base(id, "charge");
        long amount = paymentIntent.get("amount").asLong();
        node.put("amount", amount);
        node.put("amount_captured", amount);
        node.put("amount_refunded", 0);
        node.putNull("application");
        node.putNull("application_fee");
        node.putNull("application_fee_amount");
        node.put("balance_transaction", Ids.next("txn"));
        node.set("billing_details", paymentMethod.get("billing_details").deepCopy());
        node.put("calculated_statement_descriptor", "BILLING BRIDGE");
        node.put("captured", true);
        node.put("created", created);
        node.set("currency", paymentIntent.get("currency"));
        node.set("customer", paymentIntent.get("customer"));
        node.set("description", paymentIntent.get("description"));
        node.put("disputed", false);
        node.putNull("failure_balance_transaction");
        node.putNull("failure_code");
        node.putNull("failure_message");
        node.set("fraud_details", Json.object());
        node.put("livemode", false);
        node.set("metadata", Json.object());
        node.putNull("on_behalf_of");
        ObjectNode outcome = Json.object();
        outcome.putNull("advice_code");
        outcome.putNull("network_advice_code");
        outcome.putNull("network_decline_code");
        outcome.put("network_status", "approved_by_network");
        outcome.putNull("reason");
        outcome.put("risk_level", "normal");
        outcome.put("risk_score", 20);
        outcome.put("seller_message", "Payment complete.");
        outcome.put("type", "authorized");
        node.set("outcome", outcome);
        node.put("paid", true);
        node.set("payment_intent", paymentIntent.get("id"));
        node.set("payment_method", paymentMethod.get("id"));
        ObjectNode details = Json.object();
        ObjectNode card = paymentMethod.get("card").deepCopy();
        card.remove("display_brand");
        card.remove("generated_from");
        card.remove("networks");
        card.remove("three_d_secure_usage");
        card.put("amount_authorized", amount);
        card.put("network", card.get("brand").asText());
        details.set("card", card);
        details.put("type", "card");
        node.set("payment_method_details", details);
        node.set("receipt_email", paymentIntent.get("receipt_email"));
        node.putNull("receipt_number");
        node.putNull("receipt_url");
        node.put("refunded", false);
        node.set("refunds", Json.list("/v1/charges/" + id + "/refunds", Json.array(), false));
        node.putNull("review");
        node.putNull("shipping");
        node.putNull("source");
        node.putNull("source_transfer");
        node.putNull("statement_descriptor");
        node.putNull("statement_descriptor_suffix");
        node.put("status", "succeeded");
        node.putNull("transfer_data");
        node.putNull("transfer_group");
        return node;
    }

    static ObjectNode paymentMethod(String id, long created, TestCard card, String email, String name) {
        ObjectNode node = base(id, "payment_method");
        node.put("allow_redisplay", "limited");
        ObjectNode billing = Json.object();
        billing.set("address", Json.address());
        billing.put("email", email);
        billing.put("name", name);
        billing.putNull("phone");
        billing.putNull("tax_id");
        node.set("billing_details", billing);
        ObjectNode cardNode = Json.object();
        cardNode.put("brand", card.brand());
        ObjectNode checks = Json.object();
        checks.putNull("address_line1_check");
        checks.putNull("address_postal_code_check");
        checks.put("cvc_check", "pass");
        cardNode.set("checks", checks);
        cardNode.put("country", "US");
        cardNode.put("display_brand", card.brand());
        cardNode.put("exp_month", card.expMonth());
        cardNode.put("exp_year", card.expYear());
        cardNode.put("fingerprint", card.fingerprint());
        cardNode.put("funding", card.funding());
        cardNode.putNull("generated_from");
        cardNode.put("last4", card.last4());
        ObjectNode networks = Json.object();
        networks.set("available", Json.array().add(card.brand()));
        networks.putNull("preferred");
        cardNode.set("networks", networks);
        cardNode.put("regulated_status", "unregulated");
        ObjectNode threeDs = Json.object();
        threeDs.put("supported", true);
        cardNode.set("three_d_secure_usage", threeDs);
        cardNode.putNull("wallet");
        node.set("card", cardNode);
        node.put("created", created);
        node.putNull("customer");
        node.putNull("customer_account");
        node.put("livemode", false);
        node.set("metadata", Json.object());
        node.put("type", "card");
        if (card.declines()) {
            node.put("_declines", true);
        }
        if (card.authenticates()) {
            node.put("_authenticates", true);
        }
        return node;
    }

    static ObjectNode setupIntent(String id, long created, String customer, String paymentMethod) {
        ObjectNode node = base(id, "setup_intent");
        node.putNull("application");
        node.putNull("cancellation_reason");
        node.put("client_secret", id + "_secret_" + Ids.random(25));
        node.put("created", created);
        node.put("customer", customer);
        node.putNull("description");
        node.putNull("last_setup_error");
        node.put("livemode", false);
        node.set("metadata", Json.object());
        node.putNull("next_action");
        node.put("payment_method", paymentMethod);
        node.set("payment_method_types", Json.array().add("card"));
        node.put("status", "succeeded");
        node.put("usage", "off_session");
        return node;
    }

    static ObjectNode webhookEndpoint(String id, long created, String url, ArrayNode enabledEvents) {
        ObjectNode node = base(id, "webhook_endpoint");
        node.put("api_version", StripeEmulatorConfig.API_VERSION);
        node.putNull("application");
        node.put("created", created);
        node.putNull("description");
        node.set("enabled_events", enabledEvents);
        node.put("livemode", false);
        node.set("metadata", Json.object());
        node.put("status", "enabled");
        node.put("url", url);
        return node;
    }

    static ObjectNode meter(String id, long created, String displayName, String eventName, String formula,
            String customerPayloadKey, String valuePayloadKey, String eventTimeWindow) {
        ObjectNode node = base(id, "billing.meter");
        node.put("created", created);
        ObjectNode customerMapping = Json.object();
        customerMapping.put("event_payload_key", customerPayloadKey);
        customerMapping.put("type", "by_id");
        node.set("customer_mapping", customerMapping);
        ObjectNode aggregation = Json.object();
        aggregation.put("formula", formula);
        node.set("default_aggregation", aggregation);
        node.put("display_name", displayName);
        node.put("event_name", eventName);
        node.put("event_time_window", eventTimeWindow);
        node.put("livemode", false);
        node.put("status", "active");
        node.set("status_transitions", Json.nulls("deactivated_at"));
        node.put("updated", created);
        ObjectNode valueSettings = Json.object();
        valueSettings.put("event_payload_key", valuePayloadKey);
        node.set("value_settings", valueSettings);
        return node;
    }

    /** A meter event as the create call returns it (meter events have no id and cannot be retrieved). */
    static ObjectNode meterEvent(long created, String eventName, String identifier, ObjectNode payload,
            long timestamp) {
        ObjectNode node = Json.object();
        node.put("object", "billing.meter_event");
        node.put("created", created);
        node.put("event_name", eventName);
        node.put("identifier", identifier);
        node.put("livemode", false);
        node.set("payload", payload);
        node.put("timestamp", timestamp);
        return node;
    }

    static ObjectNode meterEventSummary(String id, String meter, long start, long end,
            BigDecimal aggregatedValue) {
        ObjectNode node = base(id, "billing.meter_event_summary");
        node.put("aggregated_value", aggregatedValue);
        node.put("end_time", end);
        node.put("livemode", false);
        node.put("meter", meter);
        node.put("start_time", start);
        return node;
    }

    static ObjectNode creditGrant(String id, long created, String customer, long value, String currency,
            String priceType, List<String> prices, String category, long effectiveAt, Long expiresAt,
            String name, long priority) {
        ObjectNode node = base(id, "billing.credit_grant");
        node.set("amount", CreditGrantResource.monetary(currency, value));
        ObjectNode scope = Json.object();
        if (priceType != null) {
            scope.put("price_type", priceType);
        } else {
            ArrayNode list = Json.array();
            for (String price : prices) {
                ObjectNode entry = Json.object();
                entry.put("id", price);
                list.add(entry);
            }
            scope.set("prices", list);
        }
        ObjectNode config = Json.object();
        config.set("scope", scope);
        node.set("applicability_config", config);
        node.put("category", category);
        node.put("created", created);
        node.put("customer", customer);
        node.putNull("customer_account");
        node.put("effective_at", effectiveAt);
        node.put("expires_at", expiresAt);
        node.put("livemode", false);
        node.set("metadata", Json.object());
        node.put("name", name);
        node.put("priority", priority);
        node.putNull("test_clock");
        node.put("updated", created);
        node.putNull("voided_at");
        return node;
    }

    /** The debit of a credit grant by an invoice line ({@code type: debit}, {@code credits_applied}). */
    static ObjectNode creditDebit(String id, long created, ObjectNode grant, long amount, String invoice,
            String invoiceLine) {
        ObjectNode node = base(id, "billing.credit_balance_transaction");
        node.put("created", created);
        node.putNull("credit");
        node.set("credit_grant", grant.get("id"));
        ObjectNode debit = Json.object();
        debit.set("amount", CreditGrantResource.monetary(grant.get("amount").get("monetary").get("currency")
                .asText(), amount));
        ObjectNode applied = Json.object();
        applied.put("invoice", invoice);
        applied.put("invoice_line_item", invoiceLine);
        debit.set("credits_applied", applied);
        debit.put("type", "credits_applied");
        node.set("debit", debit);
        node.put("effective_at", created);
        node.put("livemode", false);
        node.putNull("test_clock");
        node.put("type", "debit");
        node.set("_customer", grant.get("customer"));
        return node;
    }
}

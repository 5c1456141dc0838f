package io.billingbridge.db;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Version 1 of the jsonb document in {@code customer_snapshots.snapshot}: every stored name is spelled out here, so
 * renaming a field of core's snapshot records cannot change what is stored or stop old rows from being read.
 *
 * <p>Exactly what the first releases stored (core's records serialised as they were, {@code live} included); rows
 * written before the version field existed have no {@code formatVersion} and are read as version 1. Never change a
 * name or a type here: add {@code StoredSnapshotV2} and a migration path in {@link SnapshotFormat} instead. New
 * optional fields may be added at the end of a record, written only when set: rows written before them read them as
 * null (absent), and an older release ignores them.
 */
record StoredSnapshotV1(
        @JsonProperty("formatVersion") int formatVersion,
        @JsonProperty("customerId") CustomerRef customerId,
        @JsonProperty("subscriptions") List<Subscription> subscriptions,
        @JsonProperty("invoices") List<Invoice> invoices,
        @JsonProperty("payments") List<Payment> payments,
        @JsonProperty("paymentMethods") List<PaymentMethod> paymentMethods,
        @JsonProperty("entitlements") List<Entitlement> entitlements,
        @JsonProperty("syncedAt") Instant syncedAt) {

    static final int VERSION = 1;

    /** The customer id, stored as an object as the first releases did. */
    record CustomerRef(@JsonProperty("value") String value) {
    }

    record Money(@JsonProperty("amount") long amount, @JsonProperty("currency") String currency) {
    }

    /** {@code live} is derived from the status; written for compatibility, ignored when read. */
    record Subscription(
            @JsonProperty("id") String id,
            @JsonProperty("status") String status,
            @JsonProperty("items") List<Item> items,
            @JsonProperty("cancelAtPeriodEnd") boolean cancelAtPeriodEnd,
            @JsonProperty("trialEnd") Instant trialEnd,
            @JsonProperty("canceledAt") Instant canceledAt,
            @JsonProperty("created") Instant created,
            @JsonProperty("live") boolean live,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("currentPeriodStart") Instant currentPeriodStart,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("currentPeriodEnd") Instant currentPeriodEnd,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("cancelAt") Instant cancelAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("pauseCollection") PauseCollection pauseCollection,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("latestInvoice") LatestInvoice latestInvoice,
            @JsonProperty("scheduledChange") @JsonInclude(JsonInclude.Include.NON_NULL)
            ScheduledChange scheduledChange) {
    }

    /** A plan change waiting for the period end; absent in rows stored before plan changes existed. */
    record ScheduledChange(
            @JsonProperty("effectiveAt") Instant effectiveAt,
            @JsonProperty("priceId") String priceId,
            @JsonProperty("lookupKey") String lookupKey,
            @JsonProperty("productName") String productName,
            @JsonProperty("quantity") long quantity) {
    }

    record PauseCollection(@JsonProperty("behavior") String behavior, @JsonProperty("resumesAt") Instant resumesAt) {
    }

    record LatestInvoice(
            @JsonProperty("id") String id,
            @JsonProperty("status") String status,
            @JsonProperty("amountDue") Money amountDue,
            @JsonProperty("hostedInvoiceUrl") URI hostedInvoiceUrl,
            @JsonProperty("invoicePdf") URI invoicePdf,
            @JsonProperty("dueSince") Instant dueSince) {
    }

    record LineItem(@JsonProperty("description") String description, @JsonProperty("quantity") long quantity,
            @JsonProperty("amount") Money amount) {
    }

    record Item(
            @JsonProperty("id") String id,
            @JsonProperty("priceId") String priceId,
            @JsonProperty("lookupKey") String lookupKey,
            @JsonProperty("productId") String productId,
            @JsonProperty("productName") String productName,
            @JsonProperty("quantity") long quantity,
            @JsonProperty("unitAmount") Money unitAmount,
            @JsonProperty("interval") String interval,
            @JsonProperty("currentPeriodStart") Instant currentPeriodStart,
            @JsonProperty("currentPeriodEnd") Instant currentPeriodEnd,
            @JsonProperty("quantityRule") String quantityRule,
            @JsonProperty("productGroup") @JsonInclude(JsonInclude.Include.NON_NULL) String productGroup,
            @JsonProperty("meter") @JsonInclude(JsonInclude.Include.NON_NULL) String meter) {
    }

    record Invoice(
            @JsonProperty("id") String id,
            @JsonProperty("number") String number,
            @JsonProperty("status") String status,
            @JsonProperty("total") Money total,
            @JsonProperty("amountPaid") Money amountPaid,
            @JsonProperty("created") Instant created,
            @JsonProperty("hostedInvoiceUrl") URI hostedInvoiceUrl,
            @JsonProperty("subscriptionId") String subscriptionId) {
    }

    record Payment(
            @JsonProperty("id") String id,
            @JsonProperty("amount") Money amount,
            @JsonProperty("status") String status,
            @JsonProperty("created") Instant created,
            @JsonProperty("description") String description,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("lineItems") List<LineItem> lineItems) {
    }

    record PaymentMethod(
            @JsonProperty("id") String id,
            @JsonProperty("type") String type,
            @JsonProperty("brand") String brand,
            @JsonProperty("last4") String last4,
            @JsonProperty("expMonth") Integer expMonth,
            @JsonProperty("expYear") Integer expYear,
            @JsonProperty("isDefault") boolean defaultMethod) {
    }

    record Entitlement(@JsonProperty("featureId") String featureId, @JsonProperty("lookupKey") String lookupKey) {
    }
}

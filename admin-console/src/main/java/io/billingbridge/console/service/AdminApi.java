package io.billingbridge.console.service;

import java.util.List;

/**
 * The admin HTTP API of one Billing Bridge server, as one admin token sees it: one method per endpoint.
 *
 * <p>Every method blocks until the server answers; call it off the JavaFX thread.
 */
public interface AdminApi {

    /** {@code GET /me}: who the token is and what it may do. */
    Me me() throws AdminApiException;

    /** {@code GET /overview}: the dashboard figures. */
    Overview overview() throws AdminApiException;

    /** {@code GET /accounts?q=&limit=&cursor=}: accounts matching {@code query}; {@code cursor} null for page one. */
    Page<AccountHit> searchAccounts(String query, int limit, String cursor) throws AdminApiException;

    /** {@code GET /accounts/{type}/{id}}: the account and its stored snapshot. */
    AccountDetails account(Owner owner) throws AdminApiException;

    /** {@code POST /accounts/{type}/{id}/sync}: re-reads the owner's billing from Stripe (needs {@code write}). */
    AccountDetails resync(Owner owner) throws AdminApiException;

    /** {@code POST /accounts/{type}/{id}/relink}: points the owner at another customer (needs {@code write}). */
    AccountDetails relink(Owner owner, String customer) throws AdminApiException;

    /** {@code POST /accounts/{type}/{id}/push-profile}: copies the Clerk profile to Stripe (needs {@code write}). */
    AccountDetails pushProfile(Owner owner) throws AdminApiException;

    /** {@code GET /accounts/{type}/{id}/events}: the owner's webhook events, newest first. */
    Page<WebhookEvent> ownerEvents(Owner owner, int limit, String cursor) throws AdminApiException;

    /** {@code GET /accounts/{type}/{id}/audit}: the owner's audit entries, newest first. */
    Page<AuditEntry> ownerAudit(Owner owner, int limit, String cursor) throws AdminApiException;

    /** {@code GET /webhook-events?status=&limit=}: events in the ledger; {@code status} null for all. */
    List<WebhookEvent> webhookEvents(String status, int limit) throws AdminApiException;

    /** {@code POST /webhook-events/{source}/{eventId}/retry}: processes the event again (needs {@code write}). */
    RetryScheduled retry(String source, String eventId) throws AdminApiException;

    /** {@code GET /app-events?ownerType=&ownerId=&limit=&cursor=}: the owner's event deliveries, newest first. */
    Page<AppEventDelivery> appEvents(Owner owner, int limit, String cursor) throws AdminApiException;

    /** {@code POST /app-events/{eventId}/retry}: delivers a failed or given-up event again (needs {@code write}). */
    AppEventRetry retryAppEvent(String eventId, String endpoint) throws AdminApiException;

    /** {@code GET /audit?limit=}: the newest audit entries of every owner. */
    List<AuditEntry> audit(int limit) throws AdminApiException;
}

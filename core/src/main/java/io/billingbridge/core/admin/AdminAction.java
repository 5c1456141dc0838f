package io.billingbridge.core.admin;

/** What an admin API caller does, recorded in the audit log under the action's wire name. */
public enum AdminAction {
    /** Present a bearer token (audited when refused). */
    AUTHENTICATE("admin.authenticate"),
    /** Inspect an owner's account and stored snapshot. */
    READ_ACCOUNT("admin.account.read"),
    /** Re-sync an owner's snapshot from the provider. */
    SYNC_ACCOUNT("admin.account.sync"),
    /** Link an owner to a given Stripe customer whose metadata names it. */
    RELINK_ACCOUNT("admin.account.relink"),
    /** Read the audit log. */
    READ_AUDIT_LOG("admin.audit.read"),
    /** List recorded webhook events. */
    LIST_WEBHOOK_EVENTS("admin.webhook_events.list"),
    /** Make a failed webhook event due again. */
    RETRY_WEBHOOK_EVENT("admin.webhook_events.retry"),

    // Issue 8: account search.
    /** Search accounts by owner id, customer id, email or name. */
    SEARCH_ACCOUNTS("admin.accounts.search");

    private final String wireName;

    AdminAction(String wireName) {
        this.wireName = wireName;
    }

    /** The name stored in the audit log, such as {@code admin.account.read}; never change one in use. */
    public String wireName() {
        return wireName;
    }
}

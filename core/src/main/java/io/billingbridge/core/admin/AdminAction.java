package io.billingbridge.core.admin;

/** What an admin API caller does, recorded in the audit log under the action's wire name. */
public enum AdminAction {
    /** Present a bearer token (audited when refused). */
    AUTHENTICATE("admin.authenticate"),
    /** Inspect an owner's account and stored snapshot. */
    READ_ACCOUNT("admin.account.read"),
    /** Re-sync an owner's snapshot from the provider. */
    SYNC_ACCOUNT("admin.account.sync", AdminScope.WRITE),
    /** Link an owner to a given Stripe customer whose metadata names it. */
    RELINK_ACCOUNT("admin.account.relink", AdminScope.WRITE),
    /** Read the audit log. */
    READ_AUDIT_LOG("admin.audit.read"),
    /** List recorded webhook events. */
    LIST_WEBHOOK_EVENTS("admin.webhook_events.list"),
    /** Make a failed webhook event due again. */
    RETRY_WEBHOOK_EVENT("admin.webhook_events.retry", AdminScope.WRITE),
    /** Show the token's own name, scopes and the server's Stripe mode. */
    READ_ME("admin.me.read"),
    /** Read the overview figures (accounts per state, webhook backlog). */
    READ_OVERVIEW("admin.overview.read"),
    /** Read the webhook events that concern one owner. */
    READ_OWNER_EVENTS("admin.account.events.read"),
    /** Read the audit entries about one owner. */
    READ_OWNER_AUDIT("admin.account.audit.read"),
    /** Re-read an owner's profile from the identity provider and push it to the Stripe customer. */
    PUSH_PROFILE("admin.account.push_profile", AdminScope.WRITE),
    /** Search accounts by owner id, customer id, email or name. */
    SEARCH_ACCOUNTS("admin.accounts.search"),
    /** List deliveries of events to the application's endpoints. */
    LIST_APP_EVENTS("admin.app_events.list"),
    /** Make a given-up or failed delivery of an event to the application due again. */
    RETRY_APP_EVENT("admin.app_events.retry", AdminScope.WRITE);

    private final String wireName;
    private final AdminScope scope;

    AdminAction(String wireName) {
        this(wireName, AdminScope.READ);
    }

    AdminAction(String wireName, AdminScope scope) {
        this.wireName = wireName;
        this.scope = scope;
    }

    /** The scope a token needs for this action: {@code write} for every action that changes something. */
    public AdminScope scope() {
        return scope;
    }

    /** The name stored in the audit log, such as {@code admin.account.read}; never change one in use. */
    public String wireName() {
        return wireName;
    }
}

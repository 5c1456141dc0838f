package io.billingbridge.core.audit;

/** How an audited attempt ended, stored in the audit log under its wire name. */
public enum AuditOutcome {
    /** The action was permitted and done. */
    ALLOWED("allowed"),
    /** The caller was refused. */
    DENIED("denied"),
    /** The caller was permitted but the action failed. */
    FAILED("failed");

    private final String wireName;

    AuditOutcome(String wireName) {
        this.wireName = wireName;
    }

    /** The stored name: {@code allowed}, {@code denied} or {@code failed}. */
    public String wireName() {
        return wireName;
    }
}

package io.billingbridge.core.appkey;

/** What an application key holder does, recorded in the audit log under the action's wire name. */
public enum AppKeyAction {
    /** Present a key (audited when refused). */
    AUTHENTICATE("app.authenticate"),
    /** Show the key's own name and scopes. */
    READ_KEY("app.key.read");

    private final String wireName;

    AppKeyAction(String wireName) {
        this.wireName = wireName;
    }

    /** The name stored in the audit log, such as {@code app.key.read}; never change one in use. */
    public String wireName() {
        return wireName;
    }
}

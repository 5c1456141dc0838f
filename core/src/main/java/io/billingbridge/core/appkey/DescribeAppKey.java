package io.billingbridge.core.appkey;

import io.billingbridge.core.audit.AuditOutcome;
import io.billingbridge.core.audit.Auditor;
import java.util.Objects;

/** Tells a backend developer which key their backend sends and what it may do: their key check. */
public final class DescribeAppKey {
    private final Auditor auditor;

    public DescribeAppKey(Auditor auditor) {
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /** The caller's own key, as authenticated; audited as a read. */
    public AppKeyIdentity describe(AppKeyIdentity app) {
        auditor.app(app.actor(), AppKeyAction.READ_KEY, AuditOutcome.ALLOWED,
                "scopes=" + AppKeyScope.format(app.scopes()));
        return app;
    }
}

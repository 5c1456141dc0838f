package io.billingbridge.core.admin;

import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.audit.AuditLog;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.InvalidRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Shows support the newest audit entries; reading the log is itself audited. */
public final class ReadAuditLog {
    private final AuditLog log;
    private final AdminAudit audit;

    public ReadAuditLog(AuditLog log, Auditor auditor) {
        this.log = Objects.requireNonNull(log, "log");
        this.audit = new AdminAudit(auditor);
    }

    /**
     * The newest entries, at most {@code limit} (50 unless asked).
     *
     * @param limit the query string's limit, as sent
     * @throws InvalidRequest for a limit that is not a whole number from 1 to 500
     */
    public List<AuditEntry> latest(AdminIdentity admin, Optional<String> limit) {
        return audit.run(admin, Optional.empty(), AdminAction.READ_AUDIT_LOG,
                () -> log.latest(PageLimit.parse(limit).value()), entries -> "rows=" + entries.size());
    }
}

package io.billingbridge.core.admin;

import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.audit.AuditLog;
import io.billingbridge.core.audit.AuditPosition;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.audit.SequencedAuditEntry;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.Owner;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Shows support the audit entries about one owner, newest first, a page at a time; reading is itself audited. */
public final class ReadOwnerAudit {
    private final BillingAccounts accounts;
    private final AuditLog log;
    private final AdminAudit audit;

    public ReadOwnerAudit(BillingAccounts accounts, AuditLog log, Auditor auditor) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.log = Objects.requireNonNull(log, "log");
        this.audit = new AdminAudit(auditor);
    }

    /**
     * One page of the owner's audit entries.
     *
     * @param limit the query string's limit, as sent (1-500, 50 unless asked)
     * @param cursor the previous page's {@code next}, as sent
     * @throws InvalidRequest for a malformed owner, limit or cursor
     * @throws NotFound when the owner has no billing account
     */
    public Page<AuditEntry> read(AdminIdentity admin, String ownerType, String ownerId, Optional<String> limit,
            Optional<String> cursor) {
        return audit.runForOwner(admin, ownerType, ownerId, AdminAction.READ_OWNER_AUDIT,
                owner -> page(owner, PageLimit.parse(limit).value(),
                        PageCursor.parse(cursor).map(ReadOwnerAudit::position)),
                page -> "rows=" + page.items().size());
    }

    private Page<AuditEntry> page(Owner owner, int limit, Optional<AuditPosition> before) {
        AdminOwners.account(accounts, owner);
        List<SequencedAuditEntry> rows = log.about(owner, before, limit + 1);
        List<SequencedAuditEntry> shown = rows.size() <= limit ? rows : rows.subList(0, limit);
        Optional<PageCursor> next = rows.size() <= limit ? Optional.empty()
                : Optional.of(cursor(shown.get(limit - 1).position()));
        return new Page<>(shown.stream().map(SequencedAuditEntry::entry).toList(), next);
    }

    static PageCursor cursor(AuditPosition position) {
        return new PageCursor(position.at(), Long.toString(position.sequence()));
    }

    private static AuditPosition position(PageCursor cursor) {
        String key = cursor.key();
        if (key.length() > 18 || !key.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw PageCursor.invalid();
        }
        long sequence = Long.parseLong(key);
        if (sequence < 1) {
            throw PageCursor.invalid();
        }
        return new AuditPosition(cursor.at(), sequence);
    }
}

package io.billingbridge.core.admin;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.webhook.EventPosition;
import io.billingbridge.core.webhook.WebhookEventRecord;
import io.billingbridge.core.webhook.WebhookLedger;
import io.billingbridge.core.webhook.WebhookSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Shows support the webhook events that concern one owner, newest first, a page at a time. */
public final class ReadOwnerEvents {
    private final BillingAccounts accounts;
    private final WebhookLedger ledger;
    private final AdminAudit audit;

    public ReadOwnerEvents(BillingAccounts accounts, WebhookLedger ledger, Auditor auditor) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.audit = new AdminAudit(auditor);
    }

    /**
     * One page of the owner's events.
     *
     * @param limit the query string's limit, as sent (1-500, 50 unless asked)
     * @param cursor the previous page's {@code next}, as sent
     * @throws InvalidRequest for a malformed owner, limit or cursor
     * @throws NotFound when the owner has no billing account
     */
    public Page<WebhookEventRecord> read(AdminIdentity admin, String ownerType, String ownerId, Optional<String> limit,
            Optional<String> cursor) {
        return audit.runForOwner(admin, ownerType, ownerId, AdminAction.READ_OWNER_EVENTS,
                owner -> page(owner, PageLimit.parse(limit).value(),
                        PageCursor.parse(cursor).map(ReadOwnerEvents::position)),
                page -> "rows=" + page.items().size());
    }

    private Page<WebhookEventRecord> page(Owner owner, int limit, Optional<EventPosition> before) {
        BillingAccount account = AdminOwners.account(accounts, owner);
        List<WebhookEventRecord> rows = ledger.concerning(owner, account.customerId(), before, limit + 1);
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<WebhookEventRecord> shown = rows.subList(0, limit);
        return new Page<>(shown, Optional.of(cursor(shown.get(limit - 1))));
    }

    /** The cursor after this event: its time, and {@code source/eventId} to tell apart events of that time. */
    static PageCursor cursor(WebhookEventRecord event) {
        return new PageCursor(event.receivedAt(),
                event.source().name().toLowerCase(Locale.ROOT) + "/" + event.eventId());
    }

    private static EventPosition position(PageCursor cursor) {
        int slash = cursor.key().indexOf('/');
        if (slash < 1 || slash == cursor.key().length() - 1) {
            throw PageCursor.invalid();
        }
        String source = cursor.key().substring(0, slash);
        WebhookSource parsed = Arrays.stream(WebhookSource.values())
                .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(source)).findFirst()
                .orElseThrow(PageCursor::invalid);
        return new EventPosition(cursor.at(), parsed, cursor.key().substring(slash + 1));
    }
}

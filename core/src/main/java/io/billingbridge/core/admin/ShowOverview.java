package io.billingbridge.core.admin;

import io.billingbridge.core.audit.Auditor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Shows support the state of things at a glance: accounts per sync state and the webhook backlog. */
public final class ShowOverview {
    private final Overviews overviews;
    private final Clock clock;
    private final AdminAudit audit;

    public ShowOverview(Overviews overviews, Clock clock, Auditor auditor) {
        this.overviews = Objects.requireNonNull(overviews, "overviews");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new AdminAudit(auditor);
    }

    /** The overview as of now. */
    public Overview show(AdminIdentity admin) {
        return audit.run(admin, Optional.empty(), AdminAction.READ_OVERVIEW, () -> {
            OverviewFigures figures = overviews.count();
            Instant now = clock.instant();
            return new Overview(figures, figures.oldestPendingReceivedAt()
                    .map(at -> at.isAfter(now) ? Duration.ZERO : Duration.between(at, now)));
        }, o -> "pending_events=" + o.figures().pendingEvents() + " failed_events=" + o.figures().failedEvents());
    }
}

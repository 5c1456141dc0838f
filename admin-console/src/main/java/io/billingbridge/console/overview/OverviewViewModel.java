package io.billingbridge.console.overview;

import io.billingbridge.console.common.Navigation;
import io.billingbridge.console.common.ScreenViewModel;
import io.billingbridge.console.common.Session;
import io.billingbridge.console.common.TaskExecutor;
import io.billingbridge.console.service.Overview;
import io.billingbridge.console.service.WebhookEvent;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The dashboard: accounts by state, the webhook queue, and the failed events with a one-click retry. */
public final class OverviewViewModel extends ScreenViewModel {
    /** How many failed events the dashboard lists. */
    static final int FAILED_EVENTS_SHOWN = 100;

    private final Session session;
    private final ReadOnlyObjectWrapper<Overview> overview = new ReadOnlyObjectWrapper<>();
    private final ObservableList<WebhookEvent> failedEvents = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");

    public OverviewViewModel(Session session, TaskExecutor executor, Navigation navigation) {
        super(executor, navigation);
        this.session = session;
    }

    /** The figures; null until the first load answers. */
    public ReadOnlyObjectProperty<Overview> overviewProperty() {
        return overview.getReadOnlyProperty();
    }

    /** Events the worker gave up on, newest first. */
    public ObservableList<WebhookEvent> failedEvents() {
        return failedEvents;
    }

    /** What the last action did ("Retry of evt_1 scheduled"). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Whether actions are allowed: the token has the {@code write} scope. */
    public boolean canWrite() {
        return session.canWrite();
    }

    /** Loads the figures and the failed events. */
    public void refresh() {
        clearError();
        call(() -> new Loaded(session.api().overview(), session.api().webhookEvents("failed", FAILED_EVENTS_SHOWN)),
                loaded -> {
                    overview.set(loaded.overview());
                    failedEvents.setAll(loaded.failed());
                });
    }

    /** Asks the server to process {@code event} again, then reloads the dashboard. */
    public void retry(WebhookEvent event) {
        if (!canWrite()) {
            return;
        }
        clearError();
        notice.set("");
        call(() -> session.api().retry(event.source(), event.eventId()), scheduled -> {
            notice.set("Retry of " + scheduled.eventId() + " scheduled; the worker processes it shortly.");
            refresh();
        });
    }

    private record Loaded(Overview overview, List<WebhookEvent> failed) {
    }
}

package io.billingbridge.console.account;

import io.billingbridge.console.common.Desktop;
import io.billingbridge.console.common.Formats;
import io.billingbridge.console.common.Navigation;
import io.billingbridge.console.common.ScreenViewModel;
import io.billingbridge.console.common.Session;
import io.billingbridge.console.common.TaskExecutor;
import io.billingbridge.console.service.AccountDetails;
import io.billingbridge.console.service.AppEventDelivery;
import io.billingbridge.console.service.AuditEntry;
import io.billingbridge.console.service.Billing;
import io.billingbridge.console.service.Invoice;
import io.billingbridge.console.service.Owner;
import io.billingbridge.console.service.Page;
import io.billingbridge.console.service.Payment;
import io.billingbridge.console.service.PaymentMethod;
import io.billingbridge.console.service.WebhookEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One owner's account: the mapping, the stored snapshot in tabs, the owner's webhook and audit history, the
 * deliveries of its events to the application, and the repairs (resync, re-push the profile, retry an event or a
 * delivery), which need a token with the {@code write} scope.
 */
public final class AccountViewModel extends ScreenViewModel {
    /** Entries per page of the Events and Audit tabs. */
    public static final int HISTORY_PAGE = 50;

    private final Session session;
    private final Owner owner;
    private final Desktop desktop;
    private final ReadOnlyObjectWrapper<AccountDetails> details = new ReadOnlyObjectWrapper<>();
    private final ObservableList<SubscriptionRow> subscriptions = FXCollections.observableArrayList();
    private final ObservableList<Invoice> invoices = FXCollections.observableArrayList();
    private final ObservableList<Payment> payments = FXCollections.observableArrayList();
    private final ObservableList<PaymentMethod> paymentMethods = FXCollections.observableArrayList();
    private final ObservableList<String> entitlements = FXCollections.observableArrayList();
    private final ObservableList<WebhookEvent> events = FXCollections.observableArrayList();
    private final ObservableList<AuditEntry> audit = FXCollections.observableArrayList();
    private final ObservableList<AppEventDelivery> appEvents = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper appEventsHaveMore = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper eventsHaveMore = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper auditHasMore = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private String eventsCursor;
    private String auditCursor;
    private String appEventsCursor;

    public AccountViewModel(Session session, Owner owner, TaskExecutor executor, Navigation navigation,
            Desktop desktop) {
        super(executor, navigation);
        this.session = session;
        this.owner = owner;
        this.desktop = desktop;
    }

    public Owner owner() {
        return owner;
    }

    /** The account and its snapshot; null until loaded. */
    public ReadOnlyObjectProperty<AccountDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ObservableList<SubscriptionRow> subscriptions() {
        return subscriptions;
    }

    public ObservableList<Invoice> invoices() {
        return invoices;
    }

    public ObservableList<Payment> payments() {
        return payments;
    }

    public ObservableList<PaymentMethod> paymentMethods() {
        return paymentMethods;
    }

    public ObservableList<String> entitlements() {
        return entitlements;
    }

    /** The owner's webhook events, newest first. */
    public ObservableList<WebhookEvent> events() {
        return events;
    }

    /** The owner's audit entries, newest first. */
    public ObservableList<AuditEntry> audit() {
        return audit;
    }

    /** The deliveries of the owner's events to the application's endpoints, newest first. */
    public ObservableList<AppEventDelivery> appEvents() {
        return appEvents;
    }

    public ReadOnlyBooleanProperty appEventsHaveMoreProperty() {
        return appEventsHaveMore.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty eventsHaveMoreProperty() {
        return eventsHaveMore.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty auditHasMoreProperty() {
        return auditHasMore.getReadOnlyProperty();
    }

    /** What runs now, for the progress line ("Resyncing with Stripe…"); empty when idle. */
    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    /** What the last action did. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Whether the repairs are allowed: the token has the {@code write} scope. */
    public boolean canWrite() {
        return session.canWrite();
    }

    /** The customer's page in Stripe's dashboard, once the account has a customer. */
    public Optional<String> stripeUrl() {
        return Optional.ofNullable(details.get()).map(d -> d.account().customer()).map(session.me()::customerUrl);
    }

    /**
     * Loads the account, its events, its audit and its deliveries to the application (four calls, so one failing
     * does not hide the others).
     */
    public void load() {
        clearError();
        activity.set("Loading…");
        call(() -> session.api().account(owner), this::show, failure -> activity.set(""));
        loadEvents();
        loadAudit();
        loadAppEvents();
    }

    /** Re-reads the owner's billing from Stripe; the tabs show the result. */
    public void resync() {
        act("Resyncing with Stripe…", () -> session.api().resync(owner), "Resynced");
    }

    /** Copies the owner's profile from Clerk to the Stripe customer; the tabs show the result. */
    public void pushProfile() {
        act("Re-pushing the profile from Clerk…", () -> session.api().pushProfile(owner), "Profile re-pushed");
    }

    /** Asks the server to process {@code event} again, then reloads the events. */
    public void retry(WebhookEvent event) {
        if (!canWrite()) {
            return;
        }
        clearError();
        notice.set("");
        call(() -> session.api().retry(event.source(), event.eventId()), scheduled -> {
            notice.set("Retry of " + scheduled.eventId() + " scheduled; the worker processes it shortly.");
            loadEvents();
            loadAudit();
        });
    }

    /** Delivers {@code delivery} to its endpoint again now, then reloads the deliveries and the audit. */
    public void retry(AppEventDelivery delivery) {
        if (!canWrite()) {
            return;
        }
        clearError();
        notice.set("");
        call(() -> session.api().retryAppEvent(delivery.eventId(), delivery.endpoint()), scheduled -> {
            notice.set("Delivery of " + scheduled.eventId() + " to " + scheduled.endpoint() + " is due now.");
            loadAppEvents();
            loadAudit();
        });
    }

    /** Reloads the deliveries to the application (to see a retried one delivered). */
    public void refreshAppEvents() {
        clearError();
        loadAppEvents();
    }

    /** The next page of deliveries to the application. */
    public void moreAppEvents() {
        if (appEventsHaveMore.get()) {
            String cursor = appEventsCursor;
            call(() -> session.api().appEvents(owner, HISTORY_PAGE, cursor), page -> {
                appEvents.addAll(page.data());
                appEventsCursor = page.nextCursor();
                appEventsHaveMore.set(page.hasMore());
            });
        }
    }

    /** Reloads the events and the audit (to see a retried event end processed). */
    public void refreshHistory() {
        clearError();
        loadEvents();
        loadAudit();
    }

    /** The next page of events. */
    public void moreEvents() {
        if (eventsHaveMore.get()) {
            String cursor = eventsCursor;
            call(() -> session.api().ownerEvents(owner, HISTORY_PAGE, cursor), page -> {
                events.addAll(page.data());
                eventsCursor = page.nextCursor();
                eventsHaveMore.set(page.hasMore());
            });
        }
    }

    /** The next page of audit entries. */
    public void moreAudit() {
        if (auditHasMore.get()) {
            String cursor = auditCursor;
            call(() -> session.api().ownerAudit(owner, HISTORY_PAGE, cursor), page -> {
                audit.addAll(page.data());
                auditCursor = page.nextCursor();
                auditHasMore.set(page.hasMore());
            });
        }
    }

    /** Puts {@code id} on the clipboard. */
    public void copy(String id) {
        if (id != null && !id.isBlank()) {
            desktop.copy(id);
            notice.set("Copied " + id);
        }
    }

    /** Opens the customer in Stripe's dashboard (test or live, as the server's key is). */
    public void openInStripe() {
        stripeUrl().ifPresent(desktop::browse);
    }

    /** Opens a link of the account (an invoice's page) in the browser. */
    public void openLink(String url) {
        if (url != null && !url.isBlank()) {
            desktop.browse(url);
        }
    }

    /** Back to the search results. */
    public void back() {
        navigation().showSearch();
    }

    private void act(String doing, Callable<AccountDetails> action, String done) {
        if (!canWrite()) {
            return;
        }
        clearError();
        activity.set(doing);
        notice.set("");
        call(action, result -> {
            show(result);
            Billing snapshot = result.snapshot();
            notice.set(done + ": " + (snapshot == null ? "no snapshot stored"
                    : "snapshot of " + Formats.time(snapshot.syncedAt())));
            loadEvents();
            loadAudit();
        }, failure -> activity.set(""));
    }

    private void show(AccountDetails loaded) {
        activity.set("");
        details.set(loaded);
        Billing snapshot = loaded.snapshot();
        subscriptions.setAll(snapshot == null ? List.of()
                : snapshot.subscriptions().stream().flatMap(s -> SubscriptionRow.of(s).stream()).toList());
        invoices.setAll(snapshot == null ? List.of() : snapshot.invoices());
        payments.setAll(snapshot == null ? List.of() : snapshot.payments());
        paymentMethods.setAll(snapshot == null ? List.of() : snapshot.paymentMethods());
        entitlements.setAll(snapshot == null ? List.of() : snapshot.entitlements());
    }

    private void loadEvents() {
        call(() -> session.api().ownerEvents(owner, HISTORY_PAGE, null), page -> {
            events.setAll(page.data());
            eventsCursor = page.nextCursor();
            eventsHaveMore.set(page.hasMore());
        });
    }

    private void loadAppEvents() {
        call(() -> session.api().appEvents(owner, HISTORY_PAGE, null), (Page<AppEventDelivery> page) -> {
            appEvents.setAll(page.data());
            appEventsCursor = page.nextCursor();
            appEventsHaveMore.set(page.hasMore());
        });
    }

    private void loadAudit() {
        call(() -> session.api().ownerAudit(owner, HISTORY_PAGE, null), (Page<AuditEntry> page) -> {
            audit.setAll(page.data());
            auditCursor = page.nextCursor();
            auditHasMore.set(page.hasMore());
        });
    }
}

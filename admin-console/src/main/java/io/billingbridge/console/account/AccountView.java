package io.billingbridge.console.account;

import io.billingbridge.console.common.Desktop;
import io.billingbridge.console.common.Formats;
import io.billingbridge.console.common.Tables;
import io.billingbridge.console.service.Account;
import io.billingbridge.console.service.AccountDetails;
import io.billingbridge.console.service.AppEventDelivery;
import io.billingbridge.console.service.AuditEntry;
import io.billingbridge.console.service.Billing;
import io.billingbridge.console.service.Invoice;
import io.billingbridge.console.service.Payment;
import io.billingbridge.console.service.PaymentMethod;
import io.billingbridge.console.service.WebhookEvent;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** One owner's account in tabs, with the repair actions, bound to {@link AccountViewModel}. */
public final class AccountView extends VBox {
    private final AccountViewModel viewModel;
    private final Desktop desktop;
    private final TabPane tabs = new TabPane();

    public AccountView(AccountViewModel viewModel, Desktop desktop) {
        this.viewModel = viewModel;
        this.desktop = desktop;
        setId("account-screen");
        setSpacing(10);
        setPadding(new Insets(16));

        BooleanBinding writable = new SimpleBooleanProperty(viewModel.canWrite()).and(viewModel.busyProperty().not());
        Button back = button("account-back", "← Search", viewModel::back);
        Label title = new Label(viewModel.owner().key());
        title.setId("account-title");
        title.getStyleClass().add("title");
        Button resync = button("account-resync", "Resync", viewModel::resync);
        resync.disableProperty().bind(writable.not());
        Button push = button("account-push-profile", "Re-push profile", viewModel::pushProfile);
        push.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !writable.get() || customer() == null, writable, viewModel.detailsProperty()));
        Button stripe = button("account-open-stripe", "Open in Stripe", viewModel::openInStripe);
        stripe.disableProperty().bind(Bindings.createBooleanBinding(() -> customer() == null,
                viewModel.detailsProperty()));
        Button copyCustomer = button("account-copy-customer", "Copy customer id", () -> viewModel.copy(customer()));
        copyCustomer.disableProperty().bind(stripe.disableProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("account-progress");
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(viewModel.busyProperty());
        Label activity = new Label();
        activity.setId("account-activity");
        activity.textProperty().bind(viewModel.activityProperty());
        HBox header = new HBox(10, back, title, resync, push, stripe, copyCustomer, progress, activity);
        header.setAlignment(Pos.CENTER_LEFT);

        Label readOnly = new Label("This token may only read: resync, re-push and retry need the write scope.");
        readOnly.setId("account-read-only");
        readOnly.setVisible(!viewModel.canWrite());
        readOnly.setManaged(!viewModel.canWrite());
        Label notice = new Label();
        notice.setId("account-notice");
        notice.textProperty().bind(viewModel.noticeProperty());
        Label error = new Label();
        error.setId("account-error");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty());

        tabs.setId("account-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(tab("Overview", overviewTab()), tab("Subscriptions", subscriptionsTab()),
                tab("Invoices", invoicesTab()), tab("Payments", paymentsTab()),
                tab("Payment methods", paymentMethodsTab()), tab("Entitlements", entitlementsTab()),
                tab("Events", eventsTab(writable)), tab("App events", appEventsTab(writable)),
                tab("Audit", auditTab()));
        VBox.setVgrow(tabs, Priority.ALWAYS);

        for (Label line : new Label[] {notice, error}) {
            line.visibleProperty().bind(line.textProperty().isNotEmpty());
            line.managedProperty().bind(line.visibleProperty());
        }
        getChildren().addAll(header, readOnly, error, notice, tabs);
    }

    /** Selects the tab named {@code title}. */
    public void select(String title) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    private String customer() {
        AccountDetails details = viewModel.detailsProperty().get();
        return details == null ? null : details.account().customer();
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(event -> action.run());
        return button;
    }

    private static Tab tab(String title, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId("tab-" + title.toLowerCase(Locale.ROOT).replace(' ', '-'));
        return tab;
    }

    private Node overviewTab() {
        GridPane grid = new GridPane();
        grid.setId("account-overview");
        grid.setHgap(16);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        int row = 0;
        fact(grid, row++, "Owner", "fact-owner", d -> d.account().owner().key(), d -> d.account().owner().id());
        fact(grid, row++, "Stripe customer", "fact-customer", d -> d.account().customer(),
                d -> d.account().customer());
        fact(grid, row++, "Profile name", "fact-profile", d -> d.account().profileName(), d -> null);
        fact(grid, row++, "Sync state", "fact-sync-state", d -> d.account().syncState(), d -> null);
        fact(grid, row++, "Snapshot", "fact-snapshot", AccountView::snapshotState, d -> null);
        fact(grid, row++, "Snapshot synced", "fact-synced",
                d -> d.snapshot() == null ? null : Formats.time(d.snapshot().syncedAt()), d -> null);
        fact(grid, row++, "Account created", "fact-created", d -> Formats.time(d.account().createdAt()), d -> null);
        fact(grid, row, "Account updated", "fact-updated", d -> Formats.time(d.account().updatedAt()), d -> null);
        return grid;
    }

    private static String snapshotState(AccountDetails details) {
        Account account = details.account();
        Billing snapshot = details.snapshot();
        if (snapshot == null) {
            return "none stored";
        }
        if (account.snapshotOutOfDate()) {
            return "OUT OF DATE: a webhook said Stripe changed since; resync to refresh";
        }
        return snapshot.stale() ? "stale" : "up to date";
    }

    private void fact(GridPane grid, int row, String name, String id, Function<AccountDetails, String> value,
            Function<AccountDetails, String> copyable) {
        Label label = new Label();
        label.setId(id);
        label.textProperty().bind(Bindings.createStringBinding(() -> viewModel.detailsProperty().get() == null
                ? Formats.NONE : Formats.text(value.apply(viewModel.detailsProperty().get())),
                viewModel.detailsProperty()));
        Button copy = new Button("Copy");
        copy.setOnAction(event -> viewModel.copy(copyable.apply(viewModel.detailsProperty().get())));
        copy.visibleProperty().bind(Bindings.createBooleanBinding(() -> viewModel.detailsProperty().get() != null
                && copyable.apply(viewModel.detailsProperty().get()) != null, viewModel.detailsProperty()));
        grid.addRow(row, new Label(name), label, copy);
    }

    private Node subscriptionsTab() {
        TableView<SubscriptionRow> table = Tables.table("subscriptions", "No subscriptions.");
        table.getColumns().add(Tables.column("Item", SubscriptionRow::product));
        table.getColumns().add(Tables.column("Quantity", r -> Long.toString(r.quantity())));
        table.getColumns().add(Tables.column("Status", SubscriptionRow::status));
        table.getColumns().add(Tables.column("Period end", r -> Formats.date(r.periodEnd())));
        table.getColumns().add(Tables.column("Cancel at period end", r -> r.cancelAtPeriodEnd() ? "yes" : "no"));
        table.getColumns().add(Tables.column("Subscription", SubscriptionRow::subscriptionId));
        table.setItems(viewModel.subscriptions());
        Tables.copyableIds(table, SubscriptionRow::subscriptionId, desktop);
        return table;
    }

    private Node invoicesTab() {
        TableView<Invoice> table = Tables.table("invoices", "No invoices.");
        table.getColumns().add(Tables.column("Number", Invoice::number));
        table.getColumns().add(Tables.column("Date", i -> Formats.date(i.created())));
        table.getColumns().add(Tables.column("Amount", i -> i.total().formatted()));
        table.getColumns().add(Tables.column("Status", Invoice::status));
        TableColumn<Invoice, Invoice> link = new TableColumn<>("Link");
        link.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue()));
        link.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Invoice invoice, boolean empty) {
                super.updateItem(invoice, empty);
                if (empty || invoice == null || invoice.hostedInvoiceUrl() == null) {
                    setGraphic(null);
                    return;
                }
                Hyperlink open = new Hyperlink("open");
                open.setOnAction(event -> viewModel.openLink(invoice.hostedInvoiceUrl()));
                setGraphic(open);
            }
        });
        table.getColumns().add(link);
        table.getColumns().add(Tables.column("Id", Invoice::id));
        table.setItems(viewModel.invoices());
        Tables.copyableIds(table, Invoice::id, desktop);
        return table;
    }

    private Node paymentsTab() {
        TableView<Payment> table = Tables.table("payments", "No payments.");
        table.getColumns().add(Tables.column("Date", p -> Formats.time(p.created())));
        table.getColumns().add(Tables.column("Amount", p -> p.amount().formatted()));
        table.getColumns().add(Tables.column("Status", Payment::status));
        table.getColumns().add(Tables.column("Description", Payment::description));
        table.getColumns().add(Tables.column("Id", Payment::id));
        table.setItems(viewModel.payments());
        Tables.copyableIds(table, Payment::id, desktop);
        return table;
    }

    private Node paymentMethodsTab() {
        TableView<PaymentMethod> table = Tables.table("payment-methods", "No saved payment methods.");
        table.getColumns().add(Tables.column("Method", PaymentMethod::summary));
        table.getColumns().add(Tables.column("Default", p -> p.isDefault() ? "default" : ""));
        table.getColumns().add(Tables.column("Id", PaymentMethod::id));
        table.setItems(viewModel.paymentMethods());
        Tables.copyableIds(table, PaymentMethod::id, desktop);
        return table;
    }

    private Node entitlementsTab() {
        ListView<String> list = new ListView<>(viewModel.entitlements());
        list.setId("entitlements");
        list.setPlaceholder(new Label("No entitlements."));
        return list;
    }

    private Node eventsTab(BooleanBinding writable) {
        TableView<WebhookEvent> table = Tables.table("account-events", "No webhook events for this owner.");
        table.getColumns().add(Tables.column("Received", e -> Formats.time(e.receivedAt())));
        table.getColumns().add(Tables.column("Source", WebhookEvent::source));
        table.getColumns().add(Tables.column("Type", WebhookEvent::type));
        table.getColumns().add(Tables.column("Status", WebhookEvent::status));
        table.getColumns().add(Tables.column("Attempts", e -> Integer.toString(e.attempts())));
        table.getColumns().add(Tables.column("Last error", WebhookEvent::lastErrorCode));
        table.getColumns().add(Tables.column("Event", WebhookEvent::eventId));
        table.getColumns().add(Tables.buttonColumn("", "Retry", WebhookEvent::failed, writable, viewModel::retry));
        table.setItems(viewModel.events());
        Tables.copyableIds(table, WebhookEvent::eventId, desktop);
        VBox.setVgrow(table, Priority.ALWAYS);
        Button refresh = button("account-events-refresh", "Refresh", viewModel::refreshHistory);
        Button more = button("account-events-more", "More", viewModel::moreEvents);
        more.disableProperty().bind(viewModel.eventsHaveMoreProperty().not());
        return new VBox(8, table, new HBox(8, refresh, more));
    }

    private Node appEventsTab(BooleanBinding writable) {
        TableView<AppEventDelivery> table = Tables.table("account-app-events",
                "No events to the application for this owner.");
        table.getColumns().add(Tables.column("Recorded", d -> Formats.time(d.createdAt())));
        table.getColumns().add(Tables.column("Type", AppEventDelivery::type));
        table.getColumns().add(Tables.column("State", AppEventDelivery::state));
        table.getColumns().add(Tables.column("Attempts", d -> Integer.toString(d.attempts())));
        table.getColumns().add(Tables.column("Last error", AppEventDelivery::lastErrorCode));
        table.getColumns().add(Tables.column("Endpoint", AppEventDelivery::endpoint));
        table.getColumns().add(Tables.column("Event", AppEventDelivery::eventId));
        table.getColumns().add(Tables.buttonColumn("", "Retry", AppEventDelivery::retryable, writable,
                viewModel::retry));
        table.setItems(viewModel.appEvents());
        Tables.copyableIds(table, AppEventDelivery::eventId, desktop);
        VBox.setVgrow(table, Priority.ALWAYS);
        Button refresh = button("account-app-events-refresh", "Refresh", viewModel::refreshAppEvents);
        Button more = button("account-app-events-more", "More", viewModel::moreAppEvents);
        more.disableProperty().bind(viewModel.appEventsHaveMoreProperty().not());
        return new VBox(8, table, new HBox(8, refresh, more));
    }

    private Node auditTab() {
        TableView<AuditEntry> table = Tables.table("account-audit", "No audit entries for this owner.");
        table.getColumns().add(Tables.column("At", a -> Formats.time(a.at())));
        table.getColumns().add(Tables.column("Actor", AuditEntry::actor));
        table.getColumns().add(Tables.column("Action", AuditEntry::action));
        table.getColumns().add(Tables.column("Outcome", AuditEntry::outcome));
        table.getColumns().add(Tables.column("Detail", AuditEntry::detail));
        table.getColumns().add(Tables.column("Request-Id", AuditEntry::requestId));
        table.setItems(viewModel.audit());
        Tables.copyableIds(table, AuditEntry::requestId, desktop);
        VBox.setVgrow(table, Priority.ALWAYS);
        Button more = button("account-audit-more", "More", viewModel::moreAudit);
        more.disableProperty().bind(viewModel.auditHasMoreProperty().not());
        return new VBox(8, table, more);
    }
}

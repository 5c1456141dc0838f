package io.billingbridge.console.overview;

import io.billingbridge.console.common.Desktop;
import io.billingbridge.console.common.Formats;
import io.billingbridge.console.common.Tables;
import io.billingbridge.console.service.Overview;
import io.billingbridge.console.service.WebhookEvent;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The dashboard screen, bound to {@link OverviewViewModel}. */
public final class OverviewView extends VBox {

    public OverviewView(OverviewViewModel viewModel, Desktop desktop) {
        setId("overview-screen");
        setSpacing(12);
        setPadding(new Insets(16));

        Label title = new Label("Overview");
        title.getStyleClass().add("title");
        Button refresh = new Button("Refresh");
        refresh.setId("overview-refresh");
        refresh.disableProperty().bind(viewModel.busyProperty());
        refresh.setOnAction(event -> viewModel.refresh());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(viewModel.busyProperty());
        HBox header = new HBox(12, title, refresh, progress);
        header.setAlignment(Pos.CENTER_LEFT);

        GridPane figures = new GridPane();
        figures.setHgap(24);
        figures.setVgap(6);
        figure(figures, 0, "Accounts pending", "figure-accounts-pending", viewModel,
                o -> Long.toString(o.accounts().pending()));
        figure(figures, 1, "Accounts active", "figure-accounts-active", viewModel,
                o -> Long.toString(o.accounts().active()));
        figure(figures, 2, "Accounts deleted", "figure-accounts-deleted", viewModel,
                o -> Long.toString(o.accounts().deleted()));
        figure(figures, 3, "Webhook events pending", "figure-events-pending", viewModel,
                o -> Long.toString(o.webhookEvents().pending()));
        figure(figures, 4, "Webhook events failed", "figure-events-failed", viewModel,
                o -> Long.toString(o.webhookEvents().failed()));
        figure(figures, 5, "Oldest pending", "figure-oldest-pending", viewModel,
                o -> o.oldestPendingReceivedAt() == null ? Formats.NONE
                        : Formats.age(o.oldestPendingAgeSeconds()) + " (received "
                                + Formats.time(o.oldestPendingReceivedAt()) + ")");
        figure(figures, 6, "Last processed", "figure-last-processed", viewModel,
                o -> Formats.time(o.lastProcessedAt()));

        Label failedTitle = new Label("Failed webhook events");
        failedTitle.getStyleClass().add("subtitle");
        TableView<WebhookEvent> failed = Tables.table("failed-events", "No failed events.");
        failed.getColumns().add(Tables.column("Source", WebhookEvent::source));
        failed.getColumns().add(Tables.column("Event", WebhookEvent::eventId));
        failed.getColumns().add(Tables.column("Type", WebhookEvent::type));
        failed.getColumns().add(Tables.column("Subject", WebhookEvent::subject));
        failed.getColumns().add(Tables.column("Attempts", e -> Integer.toString(e.attempts())));
        failed.getColumns().add(Tables.column("Last error", WebhookEvent::lastErrorCode));
        failed.getColumns().add(Tables.column("Received", e -> Formats.time(e.receivedAt())));
        failed.getColumns().add(Tables.buttonColumn("", "Retry", WebhookEvent::failed,
                new SimpleBooleanProperty(viewModel.canWrite()).and(viewModel.busyProperty().not()),
                viewModel::retry));
        failed.setItems(viewModel.failedEvents());
        Tables.copyableIds(failed, WebhookEvent::eventId, desktop);
        VBox.setVgrow(failed, Priority.ALWAYS);

        Label readOnly = new Label("This token may only read: retrying needs the write scope.");
        readOnly.setVisible(!viewModel.canWrite());
        readOnly.setManaged(!viewModel.canWrite());
        Label notice = new Label();
        notice.setId("overview-notice");
        notice.textProperty().bind(viewModel.noticeProperty());
        Label error = new Label();
        error.setId("overview-error");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty());

        getChildren().addAll(header, figures, failedTitle, readOnly, failed, notice, error);
    }

    private static void figure(GridPane grid, int row, String name, String id, OverviewViewModel viewModel,
            Function<Overview, String> value) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("figure");
        label.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.overviewProperty().get() == null ? Formats.NONE
                        : value.apply(viewModel.overviewProperty().get()),
                viewModel.overviewProperty()));
        grid.addRow(row, new Label(name), label);
    }
}

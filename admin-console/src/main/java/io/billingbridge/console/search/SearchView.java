package io.billingbridge.console.search;

import io.billingbridge.console.common.Desktop;
import io.billingbridge.console.common.Formats;
import io.billingbridge.console.common.Tables;
import io.billingbridge.console.service.AccountHit;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The search screen, bound to {@link SearchViewModel}. Keyboard: typing filters, Down moves into the results,
 * Enter opens the selected account (the first one from the search box), Escape goes back to the search box and,
 * from there, clears it.
 */
public final class SearchView extends VBox {
    private final TextField field = new TextField();

    public SearchView(SearchViewModel viewModel, Desktop desktop) {
        setId("search-screen");
        setSpacing(10);
        setPadding(new Insets(16));

        field.setId("search-field");
        field.setPromptText("Owner id, customer id, email or name");
        field.textProperty().bindBidirectional(viewModel.queryProperty());
        HBox.setHgrow(field, Priority.ALWAYS);
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(viewModel.busyProperty());
        HBox top = new HBox(10, new Label("Search"), field, progress);
        top.setAlignment(Pos.CENTER_LEFT);

        TableView<AccountHit> table = Tables.table("search-results", "No account matches.");
        table.getColumns().add(width(Tables.column("Owner type", hit -> hit.owner().type()), 100));
        table.getColumns().add(width(Tables.column("Owner id", hit -> hit.owner().id()), 170));
        table.getColumns().add(width(Tables.column("Name / email", SearchView::nameAndEmail), 280));
        table.getColumns().add(Tables.column("Customer", AccountHit::customer));
        table.getColumns().add(Tables.column("Plan", AccountHit::planSummary));
        table.getColumns().add(Tables.column("Status",
                hit -> hit.snapshotOutOfDate() ? hit.syncState() + " (out of date)" : hit.syncState()));
        table.getColumns().add(Tables.column("Last sync", hit -> Formats.time(hit.lastSyncedAt())));
        table.setItems(viewModel.results());
        Tables.copyableIds(table, hit -> hit.owner().id(), desktop);
        table.setRowFactory(t -> {
            TableRow<AccountHit> row = new TableRow<>();
            row.setOnMouseClicked(click -> {
                if (click.getButton() == MouseButton.PRIMARY && click.getClickCount() == 2 && !row.isEmpty()) {
                    viewModel.open(row.getItem());
                }
            });
            return row;
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        field.addEventFilter(KeyEvent.KEY_PRESSED, key -> {
            if (key.getCode() == KeyCode.DOWN && !table.getItems().isEmpty()) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().select(0);
                }
                table.getFocusModel().focus(table.getSelectionModel().getSelectedIndex());
                key.consume();
            } else if (key.getCode() == KeyCode.ENTER) {
                AccountHit selected = table.getSelectionModel().getSelectedItem();
                viewModel.open(selected != null ? selected : table.getItems().stream().findFirst().orElse(null));
                key.consume();
            } else if (key.getCode() == KeyCode.ESCAPE) {
                field.clear();
                key.consume();
            }
        });
        table.addEventFilter(KeyEvent.KEY_PRESSED, key -> {
            if (key.getCode() == KeyCode.ENTER) {
                viewModel.open(table.getSelectionModel().getSelectedItem());
                key.consume();
            } else if (key.getCode() == KeyCode.ESCAPE) {
                focusSearch();
                key.consume();
            }
        });
        table.addEventFilter(KeyEvent.KEY_TYPED, key -> {
            String typed = key.getCharacter();
            if (!typed.isEmpty() && !Character.isISOControl(typed.charAt(0)) && !key.isShortcutDown()) {
                field.requestFocus();
                field.appendText(typed);
                field.positionCaret(field.getLength());
                key.consume();
            }
        });

        Button more = new Button("More");
        more.setId("search-more");
        more.disableProperty().bind(viewModel.hasMoreProperty().not().or(viewModel.busyProperty()));
        more.setOnAction(event -> viewModel.more());
        Label status = new Label();
        status.setId("search-status");
        status.textProperty().bind(viewModel.statusProperty());
        HBox bottom = new HBox(12, more, status);
        bottom.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.setId("search-error");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty());

        getChildren().addAll(top, table, bottom, error);
    }

    /** Puts the caret in the search box (when the screen is shown, and on Escape from the results). */
    public void focusSearch() {
        Platform.runLater(() -> {
            field.requestFocus();
            field.positionCaret(field.getLength());
        });
    }

    private static <S, T> TableColumn<S, T> width(TableColumn<S, T> column, double width) {
        column.setPrefWidth(width);
        return column;
    }

    private static String nameAndEmail(AccountHit hit) {
        if (hit.name() != null && hit.email() != null) {
            return hit.name() + " <" + hit.email() + ">";
        }
        return hit.name() != null ? hit.name() : hit.email();
    }
}

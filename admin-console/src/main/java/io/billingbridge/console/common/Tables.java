package io.billingbridge.console.common;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** Small builders for the console's read-only tables. */
public final class Tables {
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private Tables() {
    }

    /** A table with a placeholder and columns that share its width. */
    public static <T> TableView<T> table(String id, String emptyText) {
        TableView<T> table = new TableView<>();
        table.setId(id);
        table.setPlaceholder(new Label(emptyText));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    /** A text column. */
    public static <T> TableColumn<T, String> column(String title, Function<T, String> text) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(row -> new ReadOnlyStringWrapper(Formats.text(text.apply(row.getValue()))));
        return column;
    }

    /** A column with a button on the rows {@code applies} accepts, enabled while {@code enabled}. */
    public static <T> TableColumn<T, T> buttonColumn(String title, String buttonText, Predicate<T> applies,
            ObservableBooleanValue enabled, Consumer<T> action) {
        TableColumn<T, T> column = new TableColumn<>(title);
        column.setSortable(false);
        column.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            private final Button button = new Button(buttonText);

            {
                button.getStyleClass().add("row-action");
                button.setFocusTraversable(false);
                button.disableProperty().bind(Bindings.not(enabled));
                button.setOnAction(event -> action.accept(getItem()));
            }

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setGraphic(empty || item == null || !applies.test(item) ? null : button);
            }
        });
        return column;
    }

    /** Lets the user copy the selected row's id: a context menu and the shortcut Ctrl/Cmd+C. */
    public static <T> void copyableIds(TableView<T> table, Function<T, String> id, Desktop desktop) {
        MenuItem copy = new MenuItem("Copy id");
        copy.setOnAction(event -> copySelected(table, id, desktop));
        table.setContextMenu(new ContextMenu(copy));
        table.setOnKeyPressed(event -> {
            if (COPY.match(event)) {
                copySelected(table, id, desktop);
                event.consume();
            }
        });
    }

    private static <T> void copySelected(TableView<T> table, Function<T, String> id, Desktop desktop) {
        T selected = table.getSelectionModel().getSelectedItem();
        if (selected != null && id.apply(selected) != null) {
            desktop.copy(id.apply(selected));
        }
    }
}

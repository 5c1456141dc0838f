package io.billingbridge.console.connect;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The connect screen: binds the URL, token and "remember" fields to {@link ConnectViewModel}. */
public final class ConnectView extends VBox {

    public ConnectView(ConnectViewModel viewModel) {
        setId("connect-screen");
        setSpacing(16);
        setPadding(new Insets(48));
        setAlignment(Pos.TOP_CENTER);
        setMaxWidth(640);

        Label title = new Label("Billing Bridge support console");
        title.getStyleClass().add("title");
        Label hint = new Label("Connect to a Billing Bridge server with an admin token"
                + " (admin-token create NAME --scopes read,write; the demo prints one).");
        hint.setWrapText(true);

        TextField url = new TextField();
        url.setId("url");
        url.setPromptText(ConnectViewModel.DEFAULT_URL);
        url.textProperty().bindBidirectional(viewModel.urlProperty());
        PasswordField token = new PasswordField();
        token.setId("token");
        token.setPromptText("bbadm_...");
        token.textProperty().bindBidirectional(viewModel.tokenProperty());
        CheckBox remember = new CheckBox("Remember token (stored in a file only you can read)");
        remember.setId("remember");
        remember.selectedProperty().bindBidirectional(viewModel.rememberProperty());

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(10);
        form.addRow(0, fieldName("Server URL"), url);
        form.addRow(1, fieldName("Admin token"), token);
        form.add(remember, 1, 2);
        url.setPrefColumnCount(36);

        Button connect = new Button("Connect");
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.disableProperty().bind(viewModel.canConnectProperty().not());
        connect.setOnAction(event -> viewModel.connect());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(24, 24);
        progress.visibleProperty().bind(viewModel.busyProperty());
        HBox actions = new HBox(12, connect, progress);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId("connect-error");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty());

        getChildren().addAll(title, hint, form, actions, error);
    }

    private static Label fieldName(String text) {
        Label name = new Label(text);
        name.setMinWidth(Region.USE_PREF_SIZE);
        return name;
    }
}

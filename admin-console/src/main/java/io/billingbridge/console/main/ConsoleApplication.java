package io.billingbridge.console.main;

import io.billingbridge.console.common.FxDesktop;
import io.billingbridge.console.common.FxScheduler;
import io.billingbridge.console.common.FxTaskExecutor;
import io.billingbridge.console.connect.StoredConnection;
import io.billingbridge.console.service.HttpAdminApi;
import java.io.IOException;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The support console as a JavaFX application: wires the HTTP API, the stores and the views by hand. */
public final class ConsoleApplication extends Application {
    private FxTaskExecutor executor;

    @Override
    public void start(Stage stage) {
        LaunchOptions options = LaunchOptions.parse(getParameters().getRaw());
        executor = new FxTaskExecutor();
        FxDesktop desktop = new FxDesktop(getHostServices());
        MainViewModel viewModel = new MainViewModel(HttpAdminApi.factory(HttpAdminApi.DEFAULT_TIMEOUT),
                StoredConnection.forCurrentUser(), executor, new FxScheduler(), desktop);
        options.url().ifPresent(viewModel.connect().urlProperty()::set);
        try {
            options.token().ifPresent(viewModel.connect().tokenProperty()::set);
        } catch (IOException e) {
            viewModel.connect().signedOut("The token file could not be read: " + e.getMessage());
        }
        stage.setTitle("Billing Bridge support console");
        stage.setScene(new Scene(new MainView(viewModel, desktop), 1200, 760));
        stage.show();
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.close();
        }
    }
}

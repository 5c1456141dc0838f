package io.billingbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.console.common.FxScheduler;
import io.billingbridge.console.common.FxTaskExecutor;
import io.billingbridge.console.connect.StoredConnection;
import io.billingbridge.console.main.MainView;
import io.billingbridge.console.main.MainViewModel;
import io.billingbridge.console.service.AdminApiFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole console in a stage for TestFX: the real views, the real background executor and debounce, an API
 * from {@code factory}, preferences and token file in throwaway places.
 */
public final class FxConsole implements AutoCloseable {
    private final Preferences preferences;
    private final FxTaskExecutor executor = new FxTaskExecutor();
    public final RecordingDesktop desktop = new RecordingDesktop();
    public final MainViewModel viewModel;
    public final Scene scene;

    public FxConsole(Stage stage, AdminApiFactory factory, Path configDirectory) {
        preferences = Preferences.userRoot().node("io/billingbridge/console/test/" + UUID.randomUUID());
        StoredConnection stored = new StoredConnection(preferences,
                configDirectory.resolve("billing-bridge-console").resolve("admin-token"));
        viewModel = new MainViewModel(factory, stored, executor, new FxScheduler(), desktop);
        scene = new Scene(new MainView(viewModel, desktop), 1200, 760);
        stage.setScene(scene);
        stage.show();
    }

    /** Waits until {@code condition}, read on the FX thread, holds; fails naming {@code what}. */
    public static void await(String what, Callable<Boolean> condition) {
        await(what, Duration.ofSeconds(20), condition);
    }

    /** As {@link #await(String, Callable)}, waiting up to {@code timeout}. */
    public static void await(String what, Duration timeout, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS,
                    () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    /**
     * Waits until {@code table} ({@code #id}) has laid out an enabled row button for an item that {@code item}
     * accepts, and returns it: a table shows its new items' cells one pulse after the items change.
     */
    public static Button rowAction(FxRobot robot, String table, Predicate<Object> item) {
        AtomicReference<Button> found = new AtomicReference<>();
        await("an enabled row button in " + table, () -> {
            robot.lookup(table).lookup(".row-action").queryAllAs(Button.class).stream()
                    .filter(button -> !button.isDisabled() && button.getParent() instanceof TableCell<?, ?> cell
                            && cell.getItem() != null && item.test(cell.getItem()))
                    .findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }

    /** Reads {@code value} on the FX thread. */
    public static <T> T fx(Callable<T> value) {
        try {
            return WaitForAsyncUtils.asyncFx(value).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read the UI", e);
        }
    }

    /** The text of the labeled node {@code query} ({@code #id}), or "" when it is not shown. */
    public static String text(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).tryQueryAs(Labeled.class).map(Labeled::getText).orElse(""));
    }

    /** Whether a node matching {@code query} is in the scene. */
    public static boolean shown(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).tryQuery().isPresent());
    }

    /** The table {@code query}. */
    @SuppressWarnings("unchecked")
    public static <T> TableView<T> table(FxRobot robot, String query) {
        Node node = fx(() -> robot.lookup(query).query());
        assertThat(node).isInstanceOf(TableView.class);
        return (TableView<T>) node;
    }

    @Override
    public void close() throws BackingStoreException {
        executor.close();
        preferences.removeNode();
    }
}

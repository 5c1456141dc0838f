package io.billingbridge.console.e2e;

import static io.billingbridge.console.FxConsole.await;
import static io.billingbridge.console.FxConsole.fx;
import static io.billingbridge.console.FxConsole.rowAction;
import static io.billingbridge.console.FxConsole.shown;
import static io.billingbridge.console.FxConsole.table;
import static io.billingbridge.console.FxConsole.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.console.FxConsole;
import io.billingbridge.console.account.SubscriptionRow;
import io.billingbridge.console.service.AccountHit;
import io.billingbridge.console.service.HttpAdminApi;
import io.billingbridge.console.service.WebhookEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;

/**
 * The console against a real server (embedded PostgreSQL, the Stripe emulator, the Clerk dev instance) whose data
 * were made through the real flows: connect with a real admin token, find the paid user, see Pro, resync, and
 * retry the failed webhook event until the worker processed it. Each step names itself when it fails, with what
 * the console showed.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleEndToEndTest {
    private static final Duration WORKER = Duration.ofSeconds(60);

    @TempDir
    static Path config;

    private static LiveServer server;
    private FxConsole console;

    @BeforeAll
    static void startServer() {
        server = LiveServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Start
    void start(Stage stage) {
        console = new FxConsole(stage, HttpAdminApi.factory(Duration.ofSeconds(30)), config);
    }

    @AfterEach
    void close() throws Exception {
        console.close();
    }

    @Test
    void connectFindThePaidUserSeeProResyncAndRetryTheFailedEvent(FxRobot robot) {
        String paidUser = server.paidUserId();
        String customer = server.customerIdOf("user", paidUser);

        step(robot, "connect with the real admin token", () -> {
            robot.interact(() -> console.viewModel.connect().urlProperty().set(server.baseUrl()));
            robot.clickOn("#token").write(server.adminToken());
            robot.clickOn("#connect");
            await("GET /admin/v1/me to answer", () -> shown(robot, "#search-screen")
                    || !text(robot, "#connect-error").isEmpty());
            assertThat(shown(robot, "#search-screen")).as("connected (on the search screen)").isTrue();
            assertThat(text(robot, "#nav-session")).contains("console-e2e").contains("write");
        });

        step(robot, "search for the paid user " + paidUser, () -> {
            robot.clickOn("#search-field").write(paidUser);
            await("the paid user first in the results", () -> {
                List<?> hits = table(robot, "#search-results").getItems();
                return !hits.isEmpty() && ((AccountHit) hits.get(0)).owner().id().equals(paidUser);
            });
        });

        step(robot, "open the paid user's account with Down and Enter", () -> {
            robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
            await("the account of " + paidUser + " with customer " + customer,
                    () -> text(robot, "#fact-customer").equals(customer));
        });

        step(robot, "the Subscriptions tab shows Pro active", () -> {
            clickTab(robot, "Subscriptions");
            await("a Pro item on an active subscription", () -> table(robot, "#subscriptions").getItems().stream()
                    .map(SubscriptionRow.class::cast)
                    .anyMatch(row -> row.product().equals("Pro") && row.status().equals("active")));
        });

        step(robot, "resync shows the result", () -> {
            robot.clickOn("#account-resync");
            await("the resync's notice", WORKER, () -> text(robot, "#account-notice").startsWith("Resynced"));
            assertThat(text(robot, "#account-error")).isEmpty();
        });

        String eventId = server.failedEventId();
        step(robot, "the Overview lists the failed event " + eventId, () -> {
            robot.clickOn("#nav-overview");
            await("the failed event listed", () -> failedEventShown(robot, eventId));
        });

        step(robot, "one click retries the failed event", () -> {
            robot.clickOn(rowAction(robot, "#failed-events", e -> ((WebhookEvent) e).eventId().equals(eventId)));
            await("the retry's notice", () -> text(robot, "#overview-notice").startsWith("Retry of " + eventId));
        });

        step(robot, "the retried event ends processed (no longer failed after a refresh)", () ->
                await("the event gone from the failed list", WORKER, () -> {
                    Button refresh = (Button) robot.lookup("#overview-refresh").query();
                    if (!refresh.isDisabled()) {
                        refresh.fire();
                    }
                    return !failedEventShown(robot, eventId) && text(robot, "#overview-error").isEmpty();
                }));

        step(robot, "the account's Events tab shows the event processed", () -> {
            robot.clickOn("#nav-search");
            await("the search screen", () -> shown(robot, "#search-screen"));
            robot.clickOn("#search-field").type(KeyCode.DOWN).type(KeyCode.ENTER);
            await("the account of " + paidUser, () -> text(robot, "#fact-customer").equals(customer));
            clickTab(robot, "Events");
            await("the event with status processed", WORKER, () -> table(robot, "#account-events").getItems().stream()
                    .map(WebhookEvent.class::cast)
                    .anyMatch(e -> e.eventId().equals(eventId) && e.status().equals("processed")));
        });
    }

    /** Runs one step; a failure names the step and what the console showed on its error lines. */
    private static void step(FxRobot robot, String name, Runnable step) {
        try {
            step.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("step \"" + name + "\" failed: " + e.getMessage() + shownErrors(robot), e);
        }
    }

    private static String shownErrors(FxRobot robot) {
        StringBuilder shownErrors = new StringBuilder();
        for (String line : List.of("#connect-error", "#search-error", "#overview-error", "#account-error")) {
            String text = text(robot, line);
            if (!text.isBlank()) {
                shownErrors.append("\n  the console shows ").append(line).append(": ").append(text);
            }
        }
        return shownErrors.toString();
    }

    private static void clickTab(FxRobot robot, String title) {
        robot.clickOn(fx(() -> robot.lookup(".tab-label").match(LabeledMatchers.hasText(title)).queryLabeled()));
    }

    private static boolean failedEventShown(FxRobot robot, String eventId) {
        return table(robot, "#failed-events").getItems().stream().map(WebhookEvent.class::cast)
                .anyMatch(e -> e.eventId().equals(eventId));
    }
}

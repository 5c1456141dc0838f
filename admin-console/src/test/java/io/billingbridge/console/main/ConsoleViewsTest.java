package io.billingbridge.console.main;

import static io.billingbridge.console.FxConsole.await;
import static io.billingbridge.console.FxConsole.fx;
import static io.billingbridge.console.FxConsole.rowAction;
import static io.billingbridge.console.FxConsole.shown;
import static io.billingbridge.console.FxConsole.table;
import static io.billingbridge.console.FxConsole.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.console.FakeAdminApi;
import io.billingbridge.console.FxConsole;
import io.billingbridge.console.account.SubscriptionRow;
import io.billingbridge.console.service.AccountHit;
import io.billingbridge.console.service.AdminApiException;
import io.billingbridge.console.service.AppEventDelivery;
import io.billingbridge.console.service.WebhookEvent;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;

/** The views driven like a user would, headless, over the in-memory API and the real background executor. */
@ExtendWith(ApplicationExtension.class)
class ConsoleViewsTest {
    @TempDir
    static Path config;

    private final FakeAdminApi api = new FakeAdminApi();
    private FxConsole console;

    @Start
    void start(Stage stage) {
        console = new FxConsole(stage, (url, token) -> api, config);
    }

    @AfterEach
    void close() throws Exception {
        console.close();
    }

    private void connect(FxRobot robot) {
        robot.clickOn("#token").write("bbadm_fake");
        robot.clickOn("#connect");
        await("the search screen after connecting", () -> shown(robot, "#search-screen"));
    }

    private void search(FxRobot robot, String query, String onlyOwnerId) {
        robot.clickOn("#search-field").write(query);
        await("only " + onlyOwnerId + " found", () -> table(robot, "#search-results").getItems().stream()
                .map(hit -> ((AccountHit) hit).owner().id()).toList().equals(List.of(onlyOwnerId)));
    }

    private static void clickTab(FxRobot robot, String title) {
        robot.clickOn(fx(() -> robot.lookup(".tab-label").match(LabeledMatchers.hasText(title)).queryLabeled()));
    }

    @Test
    void connectSearchOpenResyncAndRetryWithTheKeyboard(FxRobot robot) {
        connect(robot);
        search(robot, "alice", "user_alice");

        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        await("alice's account", () -> text(robot, "#fact-customer").equals("cus_alice01"));
        assertThat(text(robot, "#fact-snapshot")).startsWith("OUT OF DATE");

        clickTab(robot, "Subscriptions");
        SubscriptionRow pro = table(robot, "#subscriptions").getItems().stream().map(SubscriptionRow.class::cast)
                .findFirst().orElseThrow();
        assertThat(pro.product()).isEqualTo("Pro");

        robot.clickOn("#account-resync");
        await("the resync's result", () -> text(robot, "#account-notice").startsWith("Resynced"));
        clickTab(robot, "Overview");
        assertThat(text(robot, "#fact-snapshot")).isEqualTo("up to date");

        clickTab(robot, "Events");
        await("the failed event in the Events tab", () -> table(robot, "#account-events").getItems().stream()
                .anyMatch(e -> ((WebhookEvent) e).failed()));
        robot.clickOn(rowAction(robot, "#account-events", e -> ((WebhookEvent) e).failed()));
        await("the retry's notice", () -> text(robot, "#account-notice").startsWith("Retry of evt_failed_1"));
        await("the event processed", () -> table(robot, "#account-events").getItems().stream()
                .noneMatch(e -> ((WebhookEvent) e).failed()));
        assertThat(api.calls()).contains("resync:user:user_alice", "retry:stripe:evt_failed_1");

        robot.type(KeyCode.ESCAPE);
        await("back on the search screen", () -> shown(robot, "#search-screen"));
        assertThat(fx(() -> table(robot, "#search-results").getItems().size())).isEqualTo(1);
    }

    @Test
    void theAppEventsTabListsTheOwnersDeliveriesAndRetriesAGivenUpOne(FxRobot robot) {
        connect(robot);
        search(robot, "alice", "user_alice");
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        await("alice's account", () -> text(robot, "#fact-customer").equals("cus_alice01"));

        clickTab(robot, "App events");
        await("the given-up delivery", () -> table(robot, "#account-app-events").getItems().stream()
                .anyMatch(d -> ((AppEventDelivery) d).state().equals("given_up")));
        robot.clickOn(rowAction(robot, "#account-app-events", d -> ((AppEventDelivery) d).retryable()));

        await("the retry's notice", () -> text(robot, "#account-notice").startsWith("Delivery of msg_givenup1"));
        await("the delivery delivered", () -> table(robot, "#account-app-events").getItems().stream()
                .noneMatch(d -> ((AppEventDelivery) d).retryable()));
        assertThat(api.calls()).contains("retryAppEvent:msg_givenup1:https://app.example/billing-events");
    }

    @Test
    void downMovesIntoTheResultsAndEscapeReturnsToTheSearchBox(FxRobot robot) {
        connect(robot);
        await("the first page of every account", () -> table(robot, "#search-results").getItems().size() == 25);

        robot.clickOn("#search-field").type(KeyCode.DOWN);
        await("the results focused", () -> robot.lookup("#search-results").query().isFocused());
        robot.type(KeyCode.DOWN);
        assertThat(fx(() -> table(robot, "#search-results").getSelectionModel().getSelectedIndex())).isEqualTo(1);

        robot.type(KeyCode.ESCAPE);
        await("the search box focused", () -> robot.lookup("#search-field").query().isFocused());
        robot.write("carol");
        await("carol alone", () -> table(robot, "#search-results").getItems().size() == 1);
        robot.type(KeyCode.ENTER);
        await("carol's account", () -> text(robot, "#account-title").equals("user:user_carol"));
    }

    @Test
    void moreLoadsTheNextPage(FxRobot robot) {
        connect(robot);
        await("the first page", () -> table(robot, "#search-results").getItems().size() == 25);

        robot.clickOn("#search-more");

        await("the second page", () -> table(robot, "#search-results").getItems().size() == 50);
        assertThat(text(robot, "#search-status")).isEqualTo("50 accounts, more available");
    }

    @Test
    void theOverviewRetriesAFailedEventInOneClick(FxRobot robot) {
        connect(robot);
        robot.clickOn("#nav-overview");
        await("the failed event", () -> table(robot, "#failed-events").getItems().size() == 1);
        assertThat(text(robot, "#figure-events-failed")).isEqualTo("1");

        robot.clickOn(rowAction(robot, "#failed-events", e -> true));

        await("no failed event left", () -> table(robot, "#failed-events").getItems().isEmpty());
        assertThat(text(robot, "#figure-events-failed")).isEqualTo("0");
    }

    @Test
    void aReadOnlyTokenSeesTheActionsDisabled(FxRobot robot) {
        api.readOnly();
        connect(robot);
        search(robot, "acme", "org_acme");
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        await("acme's account", () -> text(robot, "#fact-customer").equals("cus_acme001"));

        assertThat(fx(() -> robot.lookup("#account-resync").query().isDisabled())).isTrue();
        assertThat(fx(() -> robot.lookup("#account-push-profile").query().isDisabled())).isTrue();
        assertThat(fx(() -> robot.lookup("#account-open-stripe").query().isDisabled())).isFalse();
        assertThat(shown(robot, "#account-read-only")).isTrue();
    }

    @Test
    void aFailureShowsTheServersMessageAndRequestIdAndARefusedTokenReturnsToConnect(FxRobot robot) {
        connect(robot);
        search(robot, "alice", "user_alice");
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        await("alice's account", () -> text(robot, "#fact-customer").equals("cus_alice01"));

        api.failNext("resync", new AdminApiException(503, "stripe_unavailable", "Stripe did not answer; try again.",
                "req_503"));
        robot.clickOn("#account-resync");
        await("the error line", () -> text(robot, "#account-error")
                .equals("Stripe did not answer; try again. (Request-Id: req_503)"));

        api.failNext("resync", new AdminApiException(401, "admin_token_invalid", "The admin token was revoked.",
                "req_401"));
        robot.clickOn("#account-resync");
        await("the connect screen", () -> shown(robot, "#connect-screen"));
        assertThat(text(robot, "#connect-error")).isEqualTo("The admin token was revoked. (Request-Id: req_401)");
    }

    @Test
    void copyAndOpenInStripeGoToTheDesktop(FxRobot robot) {
        connect(robot);
        search(robot, "alice", "user_alice");
        Node field = robot.lookup("#search-field").query();
        assertThat(((TextField) field).getText()).isEqualTo("alice");
        robot.type(KeyCode.ENTER);
        await("alice's account", () -> text(robot, "#fact-customer").equals("cus_alice01"));

        robot.clickOn("#account-copy-customer");
        robot.clickOn("#account-open-stripe");

        assertThat(console.desktop.copied).containsExactly("cus_alice01");
        assertThat(console.desktop.browsed).containsExactly("https://dashboard.stripe.com/test/customers/cus_alice01");
    }
}

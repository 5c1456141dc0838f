package io.billingbridge.console.main;

import static io.billingbridge.console.FxConsole.await;
import static io.billingbridge.console.FxConsole.fx;
import static io.billingbridge.console.FxConsole.shown;
import static io.billingbridge.console.FxConsole.table;
import static io.billingbridge.console.FxConsole.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.console.FakeAdminApi;
import io.billingbridge.console.FxConsole;
import io.billingbridge.console.service.AccountHit;
import io.billingbridge.console.service.AdminApiException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;

/**
 * Writes a PNG of every screen, rendered by JavaFX from the real views over the in-memory API's data, into the
 * directory named by {@code -Dconsole.screenshots} (relative to the repository root). Skipped without it:
 * {@code mvn -B -o -pl admin-console -am verify -Dtest=ScreenshotsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dconsole.screenshots=docs/console}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "console.screenshots", matches = ".*\\S.*")
class ScreenshotsTest {
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

    private static Path directory() {
        Path named = Path.of(System.getProperty("console.screenshots").trim());
        if (named.isAbsolute()) {
            return named;
        }
        return Path.of(System.getProperty("console.repositoryRoot", ".")).resolve(named).normalize();
    }

    private void save(String name) {
        WritableImage image = fx(() -> console.scene.snapshot(null));
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] pixels = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0, width);
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        png.setRGB(0, 0, width, height, pixels, 0, width);
        Path file = directory().resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
            assertThat(ImageIO.write(png, "png", file.toFile())).as("a PNG writer").isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean only(FxRobot robot, String ownerId) {
        return table(robot, "#search-results").getItems().stream().map(hit -> ((AccountHit) hit).owner().id())
                .toList().equals(List.of(ownerId));
    }

    private static void clickTab(FxRobot robot, String title) {
        robot.clickOn(fx(() -> robot.lookup(".tab-label").match(LabeledMatchers.hasText(title)).queryLabeled()));
    }

    @Test
    void everyScreen(FxRobot robot) {
        robot.clickOn("#token").write("bbadm_0123456789abcdef");
        save("connect");

        robot.clickOn("#connect");
        await("the first page of accounts", () -> table(robot, "#search-results").getItems().size() == 25);
        save("search");

        robot.clickOn("#nav-overview");
        await("the failed event", () -> table(robot, "#failed-events").getItems().size() == 1);
        save("overview");

        robot.clickOn("#nav-search");
        await("the search screen", () -> shown(robot, "#search-screen"));
        robot.clickOn("#search-field").eraseText(0).write("acme");
        await("acme alone", () -> only(robot, "org_acme"));
        save("search-acme");
        robot.type(KeyCode.ENTER);
        await("acme's account", () -> text(robot, "#fact-customer").equals("cus_acme001"));
        save("account-overview");
        for (String tab : new String[] {"Subscriptions", "Invoices", "Payments", "Payment methods", "Entitlements"}) {
            clickTab(robot, tab);
            save("account-" + tab.toLowerCase(Locale.ROOT).replace(' ', '-'));
        }

        robot.type(KeyCode.ESCAPE);
        robot.clickOn("#search-field").eraseText(4).write("alice");
        await("alice alone", () -> only(robot, "user_alice"));
        robot.type(KeyCode.ENTER);
        await("alice's account", () -> text(robot, "#fact-customer").equals("cus_alice01"));
        clickTab(robot, "Events");
        save("account-events");
        clickTab(robot, "Audit");
        save("account-audit");

        api.failNext("resync", new AdminApiException(503, "stripe_unavailable",
                "Stripe did not answer in time; nothing was changed. Try again in a minute.", "req_8c1f0e2a9b7d"));
        clickTab(robot, "Overview");
        robot.clickOn("#account-resync");
        await("the error line", () -> !text(robot, "#account-error").isEmpty());
        save("error");
    }
}

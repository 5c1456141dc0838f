package io.billingbridge.console.main;

import java.util.List;
import javafx.application.Application;

/**
 * The jar's entry point. A plain class, not the {@link Application}: JavaFX refuses to start an {@code Application}
 * main class from the class path, which is where the shaded jar puts JavaFX.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        try {
            LaunchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        Application.launch(ConsoleApplication.class, args);
    }
}

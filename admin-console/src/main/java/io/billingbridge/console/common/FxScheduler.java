package io.billingbridge.console.common;

import java.time.Duration;
import javafx.animation.PauseTransition;

/** A {@link Scheduler} on the JavaFX timeline. */
public final class FxScheduler implements Scheduler {

    @Override
    public Cancellable after(Duration delay, Runnable action) {
        PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
        pause.setOnFinished(done -> action.run());
        pause.play();
        return pause::stop;
    }
}

package io.billingbridge.console.common;

import java.util.Map;
import javafx.application.HostServices;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;

/** The desktop through JavaFX: its clipboard, and the application's host services for the browser. */
public final class FxDesktop implements Desktop {
    private final HostServices hostServices;

    public FxDesktop(HostServices hostServices) {
        this.hostServices = hostServices;
    }

    @Override
    public void copy(String text) {
        Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, text));
    }

    @Override
    public void browse(String url) {
        hostServices.showDocument(url);
    }
}

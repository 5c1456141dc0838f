package io.billingbridge.console;

import io.billingbridge.console.common.Desktop;
import java.util.ArrayList;
import java.util.List;

/** A desktop that remembers what was copied and browsed. */
public final class RecordingDesktop implements Desktop {
    public final List<String> copied = new ArrayList<>();
    public final List<String> browsed = new ArrayList<>();

    @Override
    public synchronized void copy(String text) {
        copied.add(text);
    }

    @Override
    public synchronized void browse(String url) {
        browsed.add(url);
    }
}

package io.billingbridge.console.common;

/** What the console asks of the desktop: the clipboard and the web browser. */
public interface Desktop {

    /** Puts {@code text} on the system clipboard. */
    void copy(String text);

    /** Opens {@code url} in the user's browser. */
    void browse(String url);
}

package io.billingbridge.console.common;

import io.billingbridge.console.service.Owner;

/** Where a screen can send the user; the main window implements it. */
public interface Navigation {

    /** Shows the dashboard. */
    void showOverview();

    /** Shows the search screen as it was left. */
    void showSearch();

    /** Shows one owner's account. */
    void openAccount(Owner owner);

    /** Drops the session and shows the connect screen with {@code reason} (the server refused the token). */
    void signOut(String reason);
}

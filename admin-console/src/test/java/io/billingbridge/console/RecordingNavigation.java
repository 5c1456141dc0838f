package io.billingbridge.console;

import io.billingbridge.console.common.Navigation;
import io.billingbridge.console.service.Owner;
import java.util.ArrayList;
import java.util.List;

/** Navigation that records where the screen sent the user. */
public final class RecordingNavigation implements Navigation {
    public final List<String> visits = new ArrayList<>();

    @Override
    public void showOverview() {
        visits.add("overview");
    }

    @Override
    public void showSearch() {
        visits.add("search");
    }

    @Override
    public void openAccount(Owner owner) {
        visits.add("account " + owner.key());
    }

    @Override
    public void signOut(String reason) {
        visits.add("signOut " + reason);
    }
}

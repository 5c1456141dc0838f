package io.billingbridge.sandbox.clerk;

import java.io.IOException;
import java.util.List;

/** {@code GET /v1/organizations/{id}/memberships}: an organization's members, oldest first, with a total count. */
final class MembershipResource {
    private final DevStore store;

    MembershipResource(DevStore store) {
        this.store = store;
    }

    void register(DevRouter router) {
        router.add("GET", "/v1/organizations/{id}/memberships", this::list);
    }

    private DevResponse list(DevRequest request) throws IOException {
        DevOrganization org = store.organization(request.path("id")).orElseThrow();
        DevPage page = DevPage.of(request.query());
        List<DevMembership> all = store.memberships(org.id());
        return DevResponse.json(200, DevJson.list(page.slice(all).stream()
                .map(m -> DevJson.membership(m, org, store.user(m.userId()).orElse(null))).toList(), all.size()));
    }
}

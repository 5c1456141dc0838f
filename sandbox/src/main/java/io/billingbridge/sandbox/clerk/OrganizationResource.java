package io.billingbridge.sandbox.clerk;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/organizations}: list (with {@code total_count}), retrieve by id or slug, and merge public metadata;
 * {@code include_members_count=true} adds {@code members_count}.
 */
final class OrganizationResource {
    private final DevStore store;

    OrganizationResource(DevStore store) {
        this.store = store;
    }

    void register(DevRouter router) {
        router.add("GET", "/v1/organizations", this::list);
        router.add("GET", "/v1/organizations/{id}", this::retrieve);
        router.add("PATCH", "/v1/organizations/{id}/metadata", this::mergeMetadata);
    }

    private DevResponse list(DevRequest request) throws IOException {
        DevPage page = DevPage.of(request.query());
        List<DevOrganization> all = store.organizations(page.newestFirst());
        boolean counts = includeMembersCount(request);
        return DevResponse.json(200, DevJson.list(page.slice(all).stream()
                .map(o -> DevJson.organization(o, counts ? membersCount(o) : null)).toList(), all.size()));
    }

    private DevResponse retrieve(DevRequest request) throws IOException {
        DevOrganization org = store.organization(request.path("id")).orElseThrow();
        Integer count = includeMembersCount(request) ? membersCount(org) : null;
        return DevResponse.json(200, DevJson.organization(org, count));
    }

    private DevResponse mergeMetadata(DevRequest request) throws IOException {
        Map<String, Object> patch = request.publicMetadataPatch();
        DevOrganization org = store.organization(request.path("id")).orElseThrow();
        return DevResponse.json(200, DevJson.organization(store.mergeOrganizationMetadata(org.id(), patch), null));
    }

    private static boolean includeMembersCount(DevRequest request) {
        return "true".equals(request.query().get("include_members_count"));
    }

    private int membersCount(DevOrganization org) {
        return store.memberships(org.id()).size();
    }
}

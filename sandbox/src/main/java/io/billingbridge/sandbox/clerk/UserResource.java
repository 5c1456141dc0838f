package io.billingbridge.sandbox.clerk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/** {@code /v1/users}: list (a bare array, as Clerk answers), count, retrieve, and merge public metadata. */
final class UserResource {
    private final DevStore store;

    UserResource(DevStore store) {
        this.store = store;
    }

    void register(DevRouter router) {
        router.add("GET", "/v1/users", this::list);
        router.add("GET", "/v1/users/count", this::count);
        router.add("GET", "/v1/users/{id}", this::retrieve);
        router.add("PATCH", "/v1/users/{id}/metadata", this::mergeMetadata);
    }

    private DevResponse list(DevRequest request) throws IOException {
        DevPage page = DevPage.of(request.query());
        return DevResponse.json(200, DevJson.array(page.slice(store.users(page.newestFirst())).stream()
                .map(DevJson::user).toList()));
    }

    private DevResponse count(DevRequest request) throws IOException {
        ObjectNode count = DevJson.MAPPER.createObjectNode();
        count.put("object", "total_count");
        count.put("total_count", store.users(false).size());
        return DevResponse.json(200, count);
    }

    private DevResponse retrieve(DevRequest request) throws IOException {
        return DevResponse.json(200, DevJson.user(store.user(request.path("id")).orElseThrow()));
    }

    private DevResponse mergeMetadata(DevRequest request) throws IOException {
        Map<String, Object> patch = request.publicMetadataPatch();
        String id = request.path("id");
        store.user(id).orElseThrow();
        return DevResponse.json(200, DevJson.user(store.mergeUserMetadata(id, patch)));
    }
}

package io.billingbridge.sandbox.clerk;

import static io.billingbridge.sandbox.clerk.DevRequest.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code /_sandbox/} helpers that change the instance: users, organizations and memberships (each change
 * sends its webhook), key rotation and injected Backend API failures. No authentication: it is for local use.
 */
final class SandboxHelpers {
    private final DevStore store;
    private final DevFailures failures;
    private final Supplier<String> rotateKey;

    SandboxHelpers(DevStore store, DevFailures failures, Supplier<String> rotateKey) {
        this.store = store;
        this.failures = failures;
        this.rotateKey = rotateKey;
    }

    void register(DevRouter router) {
        router.add("POST", "/_sandbox/users", this::createUser);
        router.add("PATCH", "/_sandbox/users/{id}", this::updateUser);
        router.add("DELETE", "/_sandbox/users/{id}", this::deleteUser);
        router.add("POST", "/_sandbox/organizations", this::createOrganization);
        router.add("PATCH", "/_sandbox/organizations/{id}", this::updateOrganization);
        router.add("DELETE", "/_sandbox/organizations/{id}", this::deleteOrganization);
        router.add("POST", "/_sandbox/organizations/{id}/memberships", this::addMembership);
        router.add("PATCH", "/_sandbox/organizations/{id}/memberships/{userId}", this::updateMembership);
        router.add("DELETE", "/_sandbox/organizations/{id}/memberships/{userId}", this::removeMembership);
        router.add(DevRouter.ANY_METHOD, "/_sandbox/rotate-key", request -> rotateKey());
        router.add(DevRouter.ANY_METHOD, "/_sandbox/failures", this::injectFailures);
    }

    private DevResponse createUser(DevRequest request) throws IOException {
        JsonNode b = request.json();
        DevUser user = store.createUser(text(b, "id"), text(b, "first_name"), text(b, "last_name"),
                text(b, "email_address"));
        return DevResponse.json(201, DevJson.user(user));
    }

    /** Changes only the fields the body has. */
    private DevResponse updateUser(DevRequest request) throws IOException {
        JsonNode b = request.json();
        DevUser user = store.user(request.path("id")).orElseThrow();
        DevUser changed = user.withName(b.has("first_name") ? text(b, "first_name") : user.firstName(),
                b.has("last_name") ? text(b, "last_name") : user.lastName());
        if (b.has("email_address")) {
            changed = changed.withEmail(text(b, "email_address"));
        }
        return DevResponse.json(200, DevJson.user(store.updateUser(changed)));
    }

    private DevResponse deleteUser(DevRequest request) {
        store.deleteUser(request.path("id"));
        return DevResponse.empty(204);
    }

    /** {@code name} is required; the slug defaults to the name's, {@code created_by} becomes the admin. */
    private DevResponse createOrganization(DevRequest request) throws IOException {
        JsonNode b = request.json();
        String name = text(b, "name");
        if (name == null) {
            throw new IllegalArgumentException("name is required");
        }
        DevOrganization org = store.createOrganization(text(b, "id"), name, text(b, "slug"), text(b, "created_by"));
        return DevResponse.json(201, DevJson.organization(org, null));
    }

    private DevResponse updateOrganization(DevRequest request) throws IOException {
        JsonNode b = request.json();
        DevOrganization org = store.organization(request.path("id")).orElseThrow();
        DevOrganization changed = org.withName(b.has("name") ? text(b, "name") : org.name(),
                b.has("slug") ? text(b, "slug") : org.slug());
        return DevResponse.json(200, DevJson.organization(store.updateOrganization(changed), null));
    }

    private DevResponse deleteOrganization(DevRequest request) {
        store.deleteOrganization(request.path("id"));
        return DevResponse.empty(204);
    }

    /** The role defaults to {@link DevMembership#MEMBER}. */
    private DevResponse addMembership(DevRequest request) throws IOException {
        JsonNode b = request.json();
        String orgId = request.path("id");
        String role = Optional.ofNullable(text(b, "role")).orElse(DevMembership.MEMBER);
        return membership(201, store.addMembership(orgId, text(b, "user_id"), role));
    }

    private DevResponse updateMembership(DevRequest request) throws IOException {
        JsonNode b = request.json();
        return membership(200, store.updateMembership(request.path("id"), request.path("userId"), text(b, "role")));
    }

    private DevResponse removeMembership(DevRequest request) {
        store.removeMembership(request.path("id"), request.path("userId"));
        return DevResponse.empty(204);
    }

    private DevResponse membership(int status, DevMembership m) throws IOException {
        return DevResponse.json(status, DevJson.membership(m, store.organization(m.organizationId()).orElseThrow(),
                store.user(m.userId()).orElse(null)));
    }

    private DevResponse rotateKey() throws IOException {
        return DevResponse.json(200, DevJson.rotatedKey(rotateKey.get()));
    }

    /** {@code count} (default 1), {@code status} (default 500) and {@code retry_after_seconds} (optional). */
    private DevResponse injectFailures(DevRequest request) throws IOException {
        JsonNode body = request.json();
        JsonNode retryAfter = body.get("retry_after_seconds");
        failures.inject(body.path("count").asInt(1), body.path("status").asInt(500),
                retryAfter == null || retryAfter.isNull() ? Optional.empty()
                        : Optional.of(Duration.ofSeconds(retryAfter.asLong())));
        return DevResponse.empty(204);
    }
}

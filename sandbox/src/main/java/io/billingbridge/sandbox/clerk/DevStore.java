package io.billingbridge.sandbox.clerk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.BiConsumer;

/** The dev instance's users, organizations and memberships; every change is reported as a Clerk event. */
final class DevStore {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final BiConsumer<String, ObjectNode> events;
    private final Map<String, DevUser> users = new LinkedHashMap<>();
    private final Map<String, DevOrganization> organizations = new LinkedHashMap<>();
    private final List<DevMembership> memberships = new ArrayList<>();
    private long lastTime;

    DevStore(Clock clock, BiConsumer<String, ObjectNode> events) {
        this.clock = clock;
        this.events = events;
    }

    static String newId(String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < 24; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Strictly increasing milliseconds, so that creation order is total even within one millisecond. */
    private long now() {
        lastTime = Math.max(lastTime + 1, clock.millis());
        return lastTime;
    }

    synchronized DevUser createUser(String id, String firstName, String lastName, String email) {
        String userId = id == null ? newId("user_") : id;
        if (users.containsKey(userId)) {
            throw new IllegalStateException("user exists: " + userId);
        }
        long t = now();
        DevUser user = new DevUser(userId, firstName, lastName, email, Map.of(), t, t);
        users.put(userId, user);
        events.accept("user.created", DevJson.user(user));
        return user;
    }

    synchronized DevUser updateUser(DevUser changed) {
        requireUser(changed.id());
        DevUser user = changed.touched(now());
        users.put(user.id(), user);
        events.accept("user.updated", DevJson.user(user));
        return user;
    }

    synchronized DevUser mergeUserMetadata(String id, Map<String, Object> patch) {
        DevUser user = requireUser(id);
        DevUser merged = user.withMetadata(DevJson.deepMerge(user.publicMetadata(), patch), now());
        users.put(id, merged);
        events.accept("user.updated", DevJson.user(merged));
        return merged;
    }

    synchronized void deleteUser(String id) {
        requireUser(id);
        for (DevMembership m : List.copyOf(memberships)) {
            if (m.userId().equals(id)) {
                removeMembership(m.organizationId(), id);
            }
        }
        users.remove(id);
        ObjectNode deleted = DevJson.MAPPER.createObjectNode();
        deleted.put("object", "user");
        deleted.put("id", id);
        deleted.put("deleted", true);
        events.accept("user.deleted", deleted);
    }

    synchronized DevOrganization createOrganization(String id, String name, String slug, String createdBy) {
        String orgId = id == null ? newId("org_") : id;
        if (organizations.containsKey(orgId)) {
            throw new IllegalStateException("organization exists: " + orgId);
        }
        if (createdBy != null) {
            requireUser(createdBy);
        }
        long t = now();
        String s = slug == null ? name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") : slug;
        DevOrganization org = new DevOrganization(orgId, name, s, Map.of(), t, t);
        organizations.put(orgId, org);
        events.accept("organization.created", DevJson.organization(org, null));
        if (createdBy != null) {
            addMembership(orgId, createdBy, DevMembership.ADMIN);
        }
        return org;
    }

    synchronized DevOrganization updateOrganization(DevOrganization changed) {
        requireOrganization(changed.id());
        DevOrganization org = changed.touched(now());
        organizations.put(org.id(), org);
        events.accept("organization.updated", DevJson.organization(org, null));
        return org;
    }

    synchronized DevOrganization mergeOrganizationMetadata(String id, Map<String, Object> patch) {
        DevOrganization org = requireOrganization(id);
        DevOrganization merged = org.withMetadata(DevJson.deepMerge(org.publicMetadata(), patch), now());
        organizations.put(id, merged);
        events.accept("organization.updated", DevJson.organization(merged, null));
        return merged;
    }

    synchronized void deleteOrganization(String id) {
        DevOrganization org = requireOrganization(id);
        for (DevMembership m : List.copyOf(memberships)) {
            if (m.organizationId().equals(id)) {
                removeMembership(id, m.userId());
            }
        }
        organizations.remove(id);
        ObjectNode deleted = DevJson.MAPPER.createObjectNode();
        deleted.put("object", "organization");
        deleted.put("id", id);
        deleted.put("slug", org.slug());
        deleted.put("deleted", true);
        events.accept("organization.deleted", deleted);
    }

    synchronized DevMembership addMembership(String orgId, String userId, String role) {
        DevOrganization org = requireOrganization(orgId);
        DevUser user = requireUser(userId);
        if (membership(orgId, userId).isPresent()) {
            throw new IllegalStateException("already a member");
        }
        long t = now();
        DevMembership m = new DevMembership(newId("orgmem_"), orgId, userId, normaliseRole(role), t, t);
        memberships.add(m);
        events.accept("organizationMembership.created", DevJson.membership(m, org, user));
        return m;
    }

    synchronized DevMembership updateMembership(String orgId, String userId, String role) {
        DevMembership m = membership(orgId, userId).orElseThrow(() -> new NoSuchElementException("membership"));
        DevMembership updated = m.withRole(normaliseRole(role), now());
        memberships.set(memberships.indexOf(m), updated);
        events.accept("organizationMembership.updated",
                DevJson.membership(updated, organizations.get(orgId), users.get(userId)));
        return updated;
    }

    synchronized void removeMembership(String orgId, String userId) {
        DevMembership m = membership(orgId, userId).orElseThrow(() -> new NoSuchElementException("membership"));
        memberships.remove(m);
        events.accept("organizationMembership.deleted",
                DevJson.membership(m, organizations.get(orgId), users.get(userId)));
    }

    synchronized Optional<DevUser> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    synchronized Optional<DevOrganization> organization(String idOrSlug) {
        DevOrganization byId = organizations.get(idOrSlug);
        if (byId != null) {
            return Optional.of(byId);
        }
        return organizations.values().stream().filter(o -> idOrSlug.equals(o.slug())).findFirst();
    }

    synchronized Optional<DevMembership> membership(String orgId, String userId) {
        return memberships.stream()
                .filter(m -> m.organizationId().equals(orgId) && m.userId().equals(userId)).findFirst();
    }

    /** Users sorted by creation time ({@code newestFirst} is Clerk's default order). */
    synchronized List<DevUser> users(boolean newestFirst) {
        Comparator<DevUser> order = Comparator.comparingLong(DevUser::createdAt);
        return users.values().stream().sorted(newestFirst ? order.reversed() : order).toList();
    }

    synchronized List<DevOrganization> organizations(boolean newestFirst) {
        Comparator<DevOrganization> order = Comparator.comparingLong(DevOrganization::createdAt);
        return organizations.values().stream().sorted(newestFirst ? order.reversed() : order).toList();
    }

    /** Memberships of an organization, oldest first. */
    synchronized List<DevMembership> memberships(String orgId) {
        return memberships.stream().filter(m -> m.organizationId().equals(orgId)).toList();
    }

    /** Memberships of a user, oldest first. */
    synchronized List<DevMembership> membershipsOf(String userId) {
        return memberships.stream().filter(m -> m.userId().equals(userId)).toList();
    }

    /** Accepts {@code admin} as well as {@code org:admin}. */
    private static String normaliseRole(String role) {
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("role is required");
        }
        return role.startsWith("org:") ? role : "org:" + role;
    }

    private DevUser requireUser(String id) {
        DevUser user = users.get(id);
        if (user == null) {
            throw new NoSuchElementException("user");
        }
        return user;
    }

    private DevOrganization requireOrganization(String id) {
        DevOrganization org = organizations.get(id);
        if (org == null) {
            throw new NoSuchElementException("organization");
        }
        return org;
    }
}

package io.billingbridge.sandbox.clerk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Renders dev-instance objects in the shapes Clerk's Backend API and webhooks use. */
final class DevJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private DevJson() {
    }

    /** A deep, unmodifiable copy of a metadata map (null becomes empty). */
    static Map<String, Object> frozen(Map<String, Object> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, frozenValue(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object frozenValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            return frozen((Map<String, Object>) m);
        }
        if (value instanceof List<?> l) {
            return Collections.unmodifiableList(l.stream().map(DevJson::frozenValue).toList());
        }
        return value;
    }

    /** Clerk's metadata merge: nested objects merge, a {@code null} value deletes its key. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> patch) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        patch.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> pm && result.get(key) instanceof Map<?, ?> bm) {
                result.put(key, deepMerge((Map<String, Object>) bm, (Map<String, Object>) pm));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    static String emailId(String userId) {
        return "idn_" + userId.replaceFirst("^user_", "");
    }

    static ObjectNode user(DevUser u) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("object", "user");
        n.put("id", u.id());
        n.put("first_name", u.firstName());
        n.put("last_name", u.lastName());
        n.putNull("username");
        n.put("image_url", "");
        n.put("has_image", false);
        ArrayNode emails = n.putArray("email_addresses");
        if (u.email() != null) {
            n.put("primary_email_address_id", emailId(u.id()));
            ObjectNode e = emails.addObject();
            e.put("object", "email_address");
            e.put("id", emailId(u.id()));
            e.put("email_address", u.email());
            ObjectNode verification = e.putObject("verification");
            verification.put("status", "verified");
            verification.put("strategy", "admin");
            e.putArray("linked_to");
        } else {
            n.putNull("primary_email_address_id");
        }
        n.set("public_metadata", MAPPER.valueToTree(u.publicMetadata()));
        n.putObject("private_metadata");
        n.putObject("unsafe_metadata");
        n.putNull("external_id");
        n.put("banned", false);
        n.put("locked", false);
        n.put("created_at", u.createdAt());
        n.put("updated_at", u.updatedAt());
        return n;
    }

    static ObjectNode organization(DevOrganization o, Integer membersCount) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("object", "organization");
        n.put("id", o.id());
        n.put("name", o.name());
        n.put("slug", o.slug());
        n.put("image_url", "");
        n.put("has_image", false);
        n.set("public_metadata", MAPPER.valueToTree(o.publicMetadata()));
        n.putObject("private_metadata");
        n.put("max_allowed_memberships", 0);
        n.put("admin_delete_enabled", true);
        if (membersCount != null) {
            n.put("members_count", membersCount);
        }
        n.put("created_at", o.createdAt());
        n.put("updated_at", o.updatedAt());
        return n;
    }

    static ObjectNode membership(DevMembership m, DevOrganization org, DevUser user) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("object", "organization_membership");
        n.put("id", m.id());
        n.put("role", m.role());
        n.put("role_name", m.role().equals(DevMembership.ADMIN) ? "Admin" : "Member");
        ArrayNode permissions = n.putArray("permissions");
        m.permissions().forEach(permissions::add);
        n.putObject("public_metadata");
        n.putObject("private_metadata");
        n.set("organization", organization(org, null));
        ObjectNode pud = n.putObject("public_user_data");
        pud.put("user_id", m.userId());
        pud.put("first_name", user == null ? null : user.firstName());
        pud.put("last_name", user == null ? null : user.lastName());
        pud.put("image_url", "");
        pud.put("has_image", false);
        pud.put("identifier", user == null ? null : user.email());
        n.put("created_at", m.createdAt());
        n.put("updated_at", m.updatedAt());
        return n;
    }

    /** Clerk's paginated list envelope: one page of {@code data} and the {@code total_count} of all. */
    static ObjectNode list(List<ObjectNode> page, int totalCount) {
        ObjectNode n = MAPPER.createObjectNode();
        ArrayNode data = n.putArray("data");
        page.forEach(data::add);
        n.put("total_count", totalCount);
        return n;
    }

    /** A bare array, as Clerk lists users. */
    static ArrayNode array(List<ObjectNode> items) {
        ArrayNode n = MAPPER.createArrayNode();
        items.forEach(n::add);
        return n;
    }

    /** A session token with the session it belongs to, as the sign-in and refresh helpers answer. */
    static ObjectNode token(String jwt, DevSession session, long expiresAt) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("object", "token");
        n.put("jwt", jwt);
        n.put("session_id", session.id());
        n.put("user_id", session.userId());
        n.put("organization_id", session.organizationId().orElse(null));
        n.put("expires_at", expiresAt);
        return n;
    }

    static ObjectNode sessionEnded() {
        return MAPPER.createObjectNode().put("object", "session").put("status", "ended");
    }

    static ObjectNode rotatedKey(String kid) {
        return MAPPER.createObjectNode().put("kid", kid);
    }

    /** A Clerk API error body: {@code {"errors":[{message,long_message,code}],"clerk_trace_id"}}. */
    static ObjectNode error(String code, String message, String traceId) {
        ObjectNode n = MAPPER.createObjectNode();
        ObjectNode e = n.putArray("errors").addObject();
        e.put("message", message);
        e.put("long_message", message);
        e.put("code", code);
        n.put("clerk_trace_id", traceId);
        return n;
    }

    static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}

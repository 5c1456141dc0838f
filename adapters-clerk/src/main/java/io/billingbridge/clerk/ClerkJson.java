package io.billingbridge.clerk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.core.identity.Membership;
import io.billingbridge.core.identity.OrganizationProfile;
import io.billingbridge.core.identity.UserProfile;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.UserId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads Clerk's user, organization and membership JSON (Backend API and webhooks alike) into core records. */
final class ClerkJson {
    /** The deepest nesting of objects and arrays read; Clerk's JSON stays far below it. */
    static final int MAX_NESTING_DEPTH = 1000;

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build()).build());

    private ClerkJson() {
    }

    /** A Clerk user object; throws {@link IllegalArgumentException} when it has no usable id. */
    static UserProfile user(JsonNode n) {
        UserId id = new UserId(requiredText(n, "id"));
        Optional<String> primaryId = text(n, "primary_email_address_id");
        Optional<String> email = Optional.empty();
        for (JsonNode address : n.path("email_addresses")) {
            if (primaryId.isPresent() && primaryId.get().equals(address.path("id").asText(null))) {
                email = text(address, "email_address");
            }
        }
        return new UserProfile(id, text(n, "first_name"), text(n, "last_name"), email, metadata(n));
    }

    /** A Clerk organization object, with {@code members_count} when the API included it. */
    static OrganizationProfile organization(JsonNode n) {
        OrganizationId id = new OrganizationId(requiredText(n, "id"));
        JsonNode count = n.get("members_count");
        Optional<Integer> membersCount = count != null && count.isIntegralNumber()
                ? Optional.of(count.asInt()) : Optional.empty();
        return new OrganizationProfile(id, text(n, "name").orElse(""), text(n, "slug"), membersCount, metadata(n));
    }

    /** A Clerk organization membership; {@code fallbackOrganization} is used when it has no nested organization. */
    static Membership membership(JsonNode n, Optional<OrganizationId> fallbackOrganization) {
        Optional<String> orgId = text(n.path("organization"), "id");
        OrganizationId organization = orgId.map(OrganizationId::new).or(() -> fallbackOrganization)
                .orElseThrow(() -> new IllegalArgumentException("membership without organization"));
        UserId user = new UserId(requiredText(n.path("public_user_data"), "user_id"));
        String role = requiredText(n, "role");
        Set<String> permissions = new LinkedHashSet<>();
        for (JsonNode p : n.path("permissions")) {
            if (p.isTextual()) {
                permissions.add(p.asText());
            }
        }
        return new Membership(organization, user, role.startsWith("org:") ? role : "org:" + role, permissions);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(JsonNode n) {
        JsonNode metadata = n.get("public_metadata");
        if (metadata == null || !metadata.isObject()) {
            return Map.of();
        }
        Map<String, Object> map = MAPPER.convertValue(metadata, LinkedHashMap.class);
        map.values().removeIf(v -> v == null);
        return map;
    }

    static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() || v.asText().isEmpty() ? Optional.empty() : Optional.of(v.asText());
    }

    private static String requiredText(JsonNode n, String field) {
        return text(n, field).orElseThrow(() -> new IllegalArgumentException(field + " is missing"));
    }
}

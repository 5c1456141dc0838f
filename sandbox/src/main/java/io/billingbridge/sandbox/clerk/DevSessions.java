package io.billingbridge.sandbox.clerk;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The dev instance's sessions and the v2 session tokens minted for them. */
final class DevSessions {
    private final DevStore store;
    private final DevKeys keys;
    private final String issuer;
    private final Clock clock;
    private final Duration tokenTtl;
    private final Map<String, DevSession> sessions = new ConcurrentHashMap<>();

    DevSessions(DevStore store, DevKeys keys, String issuer, Clock clock, Duration tokenTtl) {
        this.store = store;
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
    }

    /**
     * Starts a session for a user, in one of their organizations or none.
     *
     * @throws NoSuchElementException if there is no such user
     * @throws IllegalArgumentException if the user is not a member of that organization
     */
    DevSession start(String userId, Optional<String> organizationId, Optional<String> azp) {
        store.user(userId).orElseThrow(() -> new NoSuchElementException("user"));
        organizationId.ifPresent(org -> requireMember(org, userId));
        DevSession session = new DevSession(DevStore.newId("sess_"), userId, organizationId, azp);
        sessions.put(session.id(), session);
        return session;
    }

    /** A session that exists and whose user still does. */
    Optional<DevSession> active(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).filter(s -> store.user(s.userId()).isPresent());
    }

    /** Moves a session to another organization, or to none (the personal account). */
    DevSession switchOrganization(DevSession session, Optional<String> organizationId) {
        organizationId.ifPresent(org -> requireMember(org, session.userId()));
        DevSession switched = new DevSession(session.id(), session.userId(), organizationId,
                session.authorizedParty());
        sessions.put(switched.id(), switched);
        return switched;
    }

    void end(String sessionId) {
        sessions.remove(sessionId);
    }

    /** When a token minted now expires, in Unix seconds. */
    long expiresAt() {
        return clock.instant().plus(tokenTtl).getEpochSecond();
    }

    /** A fresh token; a session whose organization membership ended gets a personal token, as in Clerk. */
    String mint(DevSession session) {
        long iat = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        session.authorizedParty().ifPresent(azp -> claims.put("azp", azp));
        claims.put("exp", iat + tokenTtl.toSeconds());
        claims.put("fva", List.of(0, -1));
        claims.put("iat", iat);
        claims.put("iss", issuer);
        claims.put("jti", DevStore.newId("").substring(0, 20));
        claims.put("nbf", iat - 10);
        claims.put("sid", session.id());
        claims.put("sub", session.userId());
        claims.put("v", 2);
        Optional<DevMembership> membership = session.organizationId()
                .flatMap(orgId -> store.membership(orgId, session.userId()));
        Optional<DevOrganization> organization = session.organizationId().flatMap(store::organization);
        if (membership.isPresent() && organization.isPresent()) {
            claims.put("fea", "o:" + DevMembership.FEATURE);
            claims.put("o", organizationClaim(organization.get(), membership.get()));
        }
        return keys.sign(claims);
    }

    private static Map<String, Object> organizationClaim(DevOrganization org, DevMembership membership) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", org.id());
        o.put("slg", org.slug());
        o.put("rol", membership.role().substring("org:".length()));
        o.put("per", String.join(",", DevMembership.CUSTOM_PERMISSIONS));
        o.put("fpm", Integer.toString(membership.featurePermissionMask()));
        return o;
    }

    private void requireMember(String organizationId, String userId) {
        store.membership(organizationId, userId)
                .orElseThrow(() -> new IllegalArgumentException("the user is not a member of that organization"));
    }
}

package io.billingbridge.clerk;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.UserId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps verified Clerk session claims (v1 and v2) to a {@link Principal}, as Clerk's own
 * {@code jwtPayloadParser} does.
 */
final class SessionClaims {
    private static final Pattern DECIMAL = Pattern.compile("\\d+");

    private SessionClaims() {
    }

    /** The caller described by already-verified claims whose {@code sub} and {@code sid} are strings. */
    static Principal principal(Map<String, Object> claims) throws TokenRejected {
        UserId user;
        try {
            user = new UserId((String) claims.get("sub"));
        } catch (IllegalArgumentException e) {
            throw new TokenRejected(TokenCheck.SUBJECT);
        }
        String sessionId = (String) claims.get("sid");
        Object version = claims.get("v");
        OrgClaims org = isVersion2(version) ? version2(claims) : version1(claims);
        if (org.id().isEmpty()) {
            return Principal.user(user, sessionId);
        }
        OrganizationId organization;
        try {
            organization = new OrganizationId(org.id().get());
        } catch (IllegalArgumentException e) {
            throw new TokenRejected(TokenCheck.CLAIMS);
        }
        return new Principal(user, sessionId, Optional.of(organization), org.role(), org.permissions());
    }

    private static boolean isVersion2(Object version) {
        return version instanceof Number n && n.doubleValue() == 2.0;
    }

    private static OrgClaims version1(Map<String, Object> claims) throws TokenRejected {
        Optional<String> id = optionalString(claims.get("org_id"));
        Optional<String> role = optionalString(claims.get("org_role"));
        Set<String> permissions = new LinkedHashSet<>();
        Object raw = claims.get("org_permissions");
        if (raw instanceof List<?> list) {
            for (Object p : list) {
                if (!(p instanceof String s)) {
                    throw new TokenRejected(TokenCheck.CLAIMS);
                }
                permissions.add(s);
            }
        } else if (raw != null) {
            throw new TokenRejected(TokenCheck.CLAIMS);
        }
        return new OrgClaims(id, role, permissions);
    }

    private static OrgClaims version2(Map<String, Object> claims) throws TokenRejected {
        Object rawOrg = claims.get("o");
        if (rawOrg == null) {
            return new OrgClaims(Optional.empty(), Optional.empty(), Set.of());
        }
        if (!(rawOrg instanceof Map<?, ?> o)) {
            throw new TokenRejected(TokenCheck.CLAIMS);
        }
        Optional<String> id = optionalString(o.get("id"));
        Optional<String> role = optionalString(o.get("rol")).map(r -> "org:" + r);
        List<String> orgFeatures = orgFeatures(claims.get("fea"));
        Set<String> permissions = permissions(orgFeatures, optionalString(o.get("per")), optionalString(o.get("fpm")));
        return new OrgClaims(id, role, permissions);
    }

    /** The features in organization scope ({@code o}, {@code ou}, {@code uo}), in claim order. */
    private static List<String> orgFeatures(Object fea) throws TokenRejected {
        List<String> org = new ArrayList<>();
        if (fea == null || "".equals(fea)) {
            return org;
        }
        if (!(fea instanceof String s)) {
            throw new TokenRejected(TokenCheck.CLAIMS);
        }
        for (String rawPart : s.split(",", -1)) {
            String part = rawPart.trim();
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new TokenRejected(TokenCheck.CLAIMS);
            }
            String scope = part.substring(0, colon);
            if (scope.equals("o") || scope.equals("ou") || scope.equals("uo")) {
                org.add(part.substring(colon + 1));
            }
        }
        return org;
    }

    /** Expands {@code per} and the {@code fpm} bitmasks (least significant bit = first permission). */
    private static Set<String> permissions(List<String> features, Optional<String> per, Optional<String> fpm) {
        Set<String> result = new LinkedHashSet<>();
        if (per.isEmpty() || fpm.isEmpty()) {
            return result;
        }
        String[] names = per.get().split(",", -1);
        for (int i = 0; i < names.length; i++) {
            names[i] = names[i].trim();
        }
        String[] masks = fpm.get().split(",", -1);
        for (int f = 0; f < features.size() && f < masks.length; f++) {
            String mask = masks[f].trim();
            if (!DECIMAL.matcher(mask).matches()) {
                continue;
            }
            BigInteger bits = new BigInteger(mask);
            for (int p = 0; p < names.length && p < bits.bitLength(); p++) {
                if (bits.testBit(p)) {
                    result.add("org:" + features.get(f) + ":" + names[p]);
                }
            }
        }
        return result;
    }

    private static Optional<String> optionalString(Object value) throws TokenRejected {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw new TokenRejected(TokenCheck.CLAIMS);
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private record OrgClaims(Optional<String> id, Optional<String> role, Set<String> permissions) {
    }
}

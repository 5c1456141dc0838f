package io.billingbridge.sandbox.clerk;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.Optional;

/**
 * Signing in: the page at {@code /} (or {@code /sign-in}) and its JSON helpers {@code /_sandbox/sign-in},
 * {@code /_sandbox/refresh} and {@code /_sandbox/sign-out}, which keep the token in the {@code __session} cookie.
 */
final class SessionResource {
    private static final String COOKIE = "__session=";

    private final DevStore store;
    private final DevSessions sessions;
    private final String baseUrl;
    private final Optional<String> configuredAuthorizedParty;

    SessionResource(DevStore store, DevSessions sessions, String baseUrl, Optional<String> configuredAuthorizedParty) {
        this.store = store;
        this.sessions = sessions;
        this.baseUrl = baseUrl;
        this.configuredAuthorizedParty = configuredAuthorizedParty;
    }

    void registerPage(DevRouter router) {
        router.add("GET", "/", this::page);
        router.add("GET", "/sign-in", this::page);
    }

    /** The helpers answer any method, as they always have; the page and browser clients POST. */
    void registerHelpers(DevRouter router) {
        router.add(DevRouter.ANY_METHOD, "/_sandbox/sign-in", this::signIn);
        router.add(DevRouter.ANY_METHOD, "/_sandbox/refresh", this::refresh);
        router.add(DevRouter.ANY_METHOD, "/_sandbox/sign-out", this::signOut);
    }

    private DevResponse page(DevRequest request) {
        return DevResponse.html(SignInPage.render(store, safeRedirect(request.query().get("redirect_url"))));
    }

    private DevResponse signIn(DevRequest request) throws IOException {
        JsonNode body = request.json();
        String userId = DevRequest.text(body, "user_id");
        if (userId == null) {
            throw new IllegalArgumentException("user_id is required");
        }
        DevSession session = sessions.start(userId, organizationId(body), authorizedParty(request));
        return tokenResponse(session);
    }

    /** A new token for the session named in the body or the cookie; {@code organization_id} switches it. */
    private DevResponse refresh(DevRequest request) throws IOException {
        JsonNode body = request.json();
        Optional<DevSession> session = Optional.ofNullable(DevRequest.text(body, "session_id"))
                .or(() -> cookieSessionId(request)).flatMap(sessions::active);
        if (session.isEmpty()) {
            return DevResponse.error(401, "session_not_found", "no active session", request.traceId());
        }
        DevSession current = session.get();
        if (body.has("organization_id")) {
            current = sessions.switchOrganization(current, organizationId(body));
        }
        return tokenResponse(current);
    }

    private DevResponse signOut(DevRequest request) throws IOException {
        cookieSessionId(request).ifPresent(sessions::end);
        return DevResponse.json(200, DevJson.sessionEnded())
                .withHeader("Set-Cookie", COOKIE + "; Path=/; Max-Age=0; SameSite=Lax");
    }

    private DevResponse tokenResponse(DevSession session) throws IOException {
        String token = sessions.mint(session);
        return DevResponse.json(200, DevJson.token(token, session, sessions.expiresAt()))
                .withHeader("Set-Cookie", COOKIE + token + "; Path=/; SameSite=Lax");
    }

    private static Optional<String> organizationId(JsonNode body) {
        return Optional.ofNullable(DevRequest.text(body, "organization_id")).filter(o -> !o.isBlank());
    }

    /** The {@code sid} of the token in the {@code __session} cookie, if there is a readable one. */
    private static Optional<String> cookieSessionId(DevRequest request) {
        Optional<String> cookies = request.header("Cookie");
        if (cookies.isEmpty()) {
            return Optional.empty();
        }
        for (String part : cookies.get().split(";")) {
            String c = part.trim();
            if (c.startsWith(COOKIE)) {
                try {
                    Object sid = SignedJWT.parse(c.substring(COOKIE.length())).getJWTClaimsSet().getClaim("sid");
                    return sid instanceof String s ? Optional.of(s) : Optional.empty();
                } catch (ParseException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** A browser request from another origin gets that origin as {@code azp}; otherwise the configured one. */
    private Optional<String> authorizedParty(DevRequest request) {
        Optional<String> origin = request.header("Origin")
                .filter(o -> !o.equals("null") && !o.equals(baseUrl));
        return origin.isPresent() ? origin : configuredAuthorizedParty;
    }

    /** Only redirects to a local web address survive; anything else is dropped. */
    private static String safeRedirect(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            boolean local = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return local && web ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

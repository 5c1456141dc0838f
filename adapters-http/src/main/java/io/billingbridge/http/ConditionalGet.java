package io.billingbridge.http;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Providers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers a GET whose body the client may already hold: a strong {@code ETag} over whom the body is for and its
 * exact bytes, and {@code 304 Not Modified} (no body) when the request's {@code If-None-Match} names that tag.
 *
 * <p>Used only after the request was authenticated and authorized, so a 304 goes only to a caller who may read the
 * body; as the tag covers the owner and the caller's detail level as well as the bytes, one owner's tag never
 * matches another owner's answer, nor a member's tag an admin's. {@code If-None-Match: *} is not honoured (it would
 * confirm data the client never received); such a request gets the body.
 *
 * <p>Bodies are rendered once per change: the last body and tag of each scope are kept with the value they were
 * rendered from (and the object that value was made from), and served as they are while the value to answer is
 * made from the same object, or equals the value (a billing read computes its view on every request, from the
 * owner's snapshot and the access rules; the view is the same instance while neither changed; only its rendering
 * is kept). At most {@code maxScopes} are kept.
 */
final class ConditionalGet {
    private static final Annotation[] NO_ANNOTATIONS = new Annotation[0];

    private final int maxScopes;
    private final ConcurrentHashMap<String, Rendered> byScope = new ConcurrentHashMap<>();

    /** A body rendered from {@code value} (made from {@code source}), and its tag. */
    private record Rendered(Object source, Object value, byte[] body, EntityTag tag) {
    }

    /** Renders with the last body of up to {@code maxScopes} scopes kept (0: rendered on every call). */
    ConditionalGet(int maxScopes) {
        if (maxScopes < 0) {
            throw new IllegalArgumentException("maxScopes must not be negative");
        }
        this.maxScopes = maxScopes;
    }

    /**
     * The answer to a GET of {@code entity}, rendered as JSON by the application's own writer, or the same body
     * rendered before when {@code entity} equals what it was rendered from.
     *
     * @param scope whom and what the body is for (such as the owner key and the detail level); part of the tag
     * @param ifNoneMatch the request's {@code If-None-Match} header, or null
     */
    <T> Response answer(Providers providers, Class<T> type, T entity, String scope, String ifNoneMatch) {
        return answer(providers, type, entity, Function.identity(), scope, ifNoneMatch);
    }

    /**
     * The answer to a GET of the entity made from {@code source}: the body rendered before, without making the
     * entity, when {@code source} is the very object it was made from (its maker returns the same instance while
     * nothing changed); else as {@link #answer(Providers, Class, Object, String, String)}.
     */
    <S, T> Response answer(Providers providers, Class<T> type, S source, Function<? super S, T> entityOf,
            String scope, String ifNoneMatch) {
        Rendered kept = byScope.get(scope);
        Rendered rendered = kept != null && kept.source() == source ? kept
                : rendered(providers, type, source, entityOf.apply(source), scope, kept);
        if (names(ifNoneMatch, rendered.tag().getValue())) {
            return Response.notModified(rendered.tag()).build();
        }
        return Response.ok(rendered.body(), MediaType.APPLICATION_JSON_TYPE).tag(rendered.tag()).build();
    }

    private <T> Rendered rendered(Providers providers, Class<T> type, Object source, T entity, String scope,
            Rendered kept) {
        Rendered fresh = kept != null && kept.value().equals(entity)
                ? new Rendered(source, kept.value(), kept.body(), kept.tag())
                : rendered(providers, type, source, entity, scope);
        if (maxScopes > 0) {
            if (byScope.size() >= maxScopes && !byScope.containsKey(scope)) {
                byScope.clear();
            }
            byScope.put(scope, fresh);
        }
        return fresh;
    }

    private static <T> Rendered rendered(Providers providers, Class<T> type, Object source, T entity, String scope) {
        byte[] body = render(providers, type, entity);
        return new Rendered(source, entity, body, new EntityTag(tag(scope, body)));
    }

    /** The strong tag (without quotes) of a body for a scope: SHA-256 over both, base64url. */
    static String tag(String scope, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(scope.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether an {@code If-None-Match} list names the tag (weak comparison, as RFC 9110 asks for this header). */
    static boolean names(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null || ifNoneMatch.isEmpty()) {
            return false;
        }
        String quoted = '"' + tag + '"';
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.startsWith("W/")) {
                trimmed = trimmed.substring(2);
            }
            if (trimmed.equals(quoted)) {
                return true;
            }
        }
        return false;
    }

    private static <T> byte[] render(Providers providers, Class<T> type, T entity) {
        MessageBodyWriter<T> writer = providers.getMessageBodyWriter(type, type, NO_ANNOTATIONS,
                MediaType.APPLICATION_JSON_TYPE);
        if (writer == null) {
            throw new IllegalStateException("no JSON writer for " + type.getSimpleName());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            writer.writeTo(entity, type, type, NO_ANNOTATIONS, MediaType.APPLICATION_JSON_TYPE,
                    new MultivaluedHashMap<>(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering a " + type.getSimpleName() + " failed", e);
        }
        return out.toByteArray();
    }
}

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

/**
 * Answers a GET whose body the client may already hold: a strong {@code ETag} over whom the body is for and its
 * exact bytes, and {@code 304 Not Modified} (no body) when the request's {@code If-None-Match} names that tag.
 *
 * <p>Used only after the request was authenticated and authorized, so a 304 goes only to a caller who may read the
 * body; as the tag covers the owner and the caller's detail level as well as the bytes, one owner's tag never
 * matches another owner's answer, nor a member's tag an admin's. {@code If-None-Match: *} is not honoured (it would
 * confirm data the client never received); such a request gets the body.
 */
final class ConditionalGet {
    private static final Annotation[] NO_ANNOTATIONS = new Annotation[0];

    private ConditionalGet() {
    }

    /**
     * The answer to a GET of {@code entity}, rendered as JSON by the application's own writer.
     *
     * @param scope whom and what the body is for (such as the owner key and the detail level); part of the tag
     * @param ifNoneMatch the request's {@code If-None-Match} header, or null
     */
    static <T> Response answer(Providers providers, Class<T> type, T entity, String scope, String ifNoneMatch) {
        byte[] body = render(providers, type, entity);
        EntityTag tag = new EntityTag(tag(scope, body));
        if (names(ifNoneMatch, tag.getValue())) {
            return Response.notModified(tag).build();
        }
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).tag(tag).build();
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

package io.billingbridge.http;

import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.core.appkey.AuthenticateAppKey;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Puts {@link AppKeyAuthFilter} in front of every server-to-server endpoint, with the scopes the endpoint declares
 * in {@link RequiresAppKey}.
 *
 * <p>The server-to-server API is everything under {@link #PATH}, and only it: a method there without
 * {@code @RequiresAppKey}, or with a session or admin mark, and a {@code @RequiresAppKey} method anywhere else, are
 * refused when the application starts. So application keys, session tokens and admin tokens each open only their
 * own API.
 */
public final class AppKeyAuthFeature implements DynamicFeature {
    /** Where the server-to-server API lives: the one place its path prefix is written. */
    public static final String PATH = "/v1/usage";

    private final AuthenticateAppKey authenticate;

    public AppKeyAuthFeature(AuthenticateAppKey authenticate) {
        this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceClass() == null || resource.getResourceMethod() == null) {
            return;
        }
        acceptedScopes(resource.getResourceClass(), resource.getResourceMethod())
                .ifPresent(scopes -> context.register(new AppKeyAuthFilter(authenticate, scopes),
                        Priorities.AUTHENTICATION));
    }

    /**
     * The scopes a resource method accepts when it is a server-to-server endpoint, else empty.
     *
     * @throws IllegalStateException when the method is under {@link #PATH} without {@link RequiresAppKey} or with
     *     another credential's mark, or carries {@link RequiresAppKey} outside {@link #PATH}
     */
    static Optional<Set<AppKeyScope>> acceptedScopes(Class<?> resource, Method method) {
        boolean serverToServer = isUnderPath(resource, method);
        RequiresAppKey mark = method.getAnnotation(RequiresAppKey.class);
        String where = resource.getName() + "#" + method.getName();
        if (mark == null) {
            if (serverToServer) {
                throw new IllegalStateException(where + " is under " + PATH + " but has no @RequiresAppKey");
            }
            return Optional.empty();
        }
        if (!serverToServer) {
            throw new IllegalStateException(where + " has @RequiresAppKey but is not under " + PATH);
        }
        if (hasOtherCredential(resource) || hasOtherCredential(method)) {
            throw new IllegalStateException(where + " is under " + PATH + " and also asks for a session or admin");
        }
        if (mark.value().length == 0) {
            throw new IllegalStateException(where + " accepts no scope: name at least one in @RequiresAppKey");
        }
        Set<AppKeyScope> scopes = EnumSet.noneOf(AppKeyScope.class);
        scopes.addAll(Arrays.asList(mark.value()));
        return Optional.of(Set.copyOf(scopes));
    }

    /** Whether the method's whole path (the class's and its own) is {@link #PATH} or below it. */
    private static boolean isUnderPath(Class<?> resource, Method method) {
        String full = "/" + pathOf(resource) + "/" + pathOf(method);
        String value = "/" + full.replaceAll("/+", "/").replaceAll("^/|/$", "");
        return value.equals(PATH) || value.startsWith(PATH + "/");
    }

    private static String pathOf(AnnotatedElement element) {
        Path path = element.getAnnotation(Path.class);
        return path == null ? "" : path.value();
    }

    private static boolean hasOtherCredential(AnnotatedElement element) {
        return element.isAnnotationPresent(RequiresSession.class) || element.isAnnotationPresent(RequiresAdmin.class);
    }
}

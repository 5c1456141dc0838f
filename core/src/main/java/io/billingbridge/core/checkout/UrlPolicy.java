package io.billingbridge.core.checkout;

import io.billingbridge.core.error.InvalidRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where Stripe may send a customer back to: only the configured origins, so no session becomes an open redirect.
 */
public final class UrlPolicy {
    /** Stripe replaces this in a success URL with the session id; braces are not legal in a URI, so it is kept encoded. */
    public static final String SESSION_PLACEHOLDER = "{CHECKOUT_SESSION_ID}";
    /** How {@link #SESSION_PLACEHOLDER} appears in the returned URI; the Stripe adapter turns it back. */
    public static final String ENCODED_PLACEHOLDER = "%7BCHECKOUT_SESSION_ID%7D";

    private final Set<String> allowedOrigins;

    /** @param allowedOrigins origins such as {@code https://app.example.com} or {@code http://localhost:3000} */
    public UrlPolicy(Set<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().map(UrlPolicy::origin).collect(Collectors.toUnmodifiableSet());
    }

    /** The configured origins, normalised. */
    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    /**
     * The URL, if it is absolute, http(s), without credentials, and on an allowed origin; Stripe's
     * {@code {CHECKOUT_SESSION_ID}} placeholder is allowed and kept (encoded).
     *
     * @throws InvalidRequest {@code url_not_allowed} (or {@code parameter_missing}) naming the parameter
     */
    public URI requireAllowed(String url, String param) {
        if (url == null || url.isBlank()) {
            throw new InvalidRequest("parameter_missing", param + " is required", param);
        }
        URI uri;
        try {
            uri = new URI(url.replace(SESSION_PLACEHOLDER, ENCODED_PLACEHOLDER));
        } catch (URISyntaxException e) {
            throw new InvalidRequest("invalid_url", param + " is not a valid URL", param);
        }
        if (!uri.isAbsolute() || uri.getRawUserInfo() != null || uri.getHost() == null
                || !allowedOrigins.contains(origin(uri))) {
            throw new InvalidRequest("url_not_allowed", param + " must be on one of the application's configured origins",
                    param);
        }
        return uri;
    }

    private static String origin(String configured) {
        try {
            URI uri = new URI(configured.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("allowed origin '" + configured + "' needs a scheme and a host");
            }
            return origin(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("allowed origin '" + configured + "' is not a URL");
        }
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "(unsupported scheme)";
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}

package io.billingbridge.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL location as JDBC wants it, from either {@code jdbc:postgresql://...} or the
 * {@code postgres://user:pass@host:port/db} form that hosting platforms hand out.
 *
 * @param jdbcUrl the JDBC URL, without credentials
 * @param user the user, unless the JDBC URL carries it
 * @param password the password, unless the JDBC URL carries it (never logged: see {@link #toString()})
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    public DatabaseUrl {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL");
        }
    }

    /**
     * Parses a database URL.
     *
     * @throws IllegalArgumentException with a message fit for an operator, never echoing a password
     */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "no database URL: set DATABASE_URL to jdbc:postgresql://host:5432/db or postgres://user:pass@host:5432/db");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(trimmed, Optional.empty(), Optional.empty());
        }
        if (!trimmed.startsWith("postgres://") && !trimmed.startsWith("postgresql://")) {
            throw new IllegalArgumentException(
                    "unsupported database URL scheme: use jdbc:postgresql://... or postgres://user:pass@host:port/db");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed database URL (check special characters in the password are %-encoded)");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() <= 1) {
            throw new IllegalArgumentException("database URL needs a host and a database name: postgres://user:pass@host:5432/db");
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                password = Optional.of(decode(userInfo.substring(colon + 1)));
            }
        }
        return new DatabaseUrl(jdbc, user, password);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user.orElse("(from URL)") + "]";
    }
}

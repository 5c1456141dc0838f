package io.billingbridge.core.events;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * An application endpoint that receives events: where they are posted, the secret they are signed with, and the
 * types it subscribed to.
 */
public record EventEndpoint(URI url, SigningSecret secret, Set<EventType> types) {
    public EventEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        types = Set.copyOf(types);
        if (!url.isAbsolute() || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
                || url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("an endpoint url is an absolute http(s) URL with a host, "
                    + "without user info or fragment");
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("an endpoint subscribes to at least one event type");
        }
    }

    /** True when this endpoint receives events of {@code type}. */
    public boolean subscribesTo(EventType type) {
        return types.contains(type);
    }

    /** The endpoint's key in the outbox: its URL. */
    public String key() {
        return url.toString();
    }

    @Override
    public String toString() {
        return "EventEndpoint[" + url + ", " + types + "]";
    }
}

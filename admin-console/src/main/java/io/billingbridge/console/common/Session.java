package io.billingbridge.console.common;

import io.billingbridge.console.service.AdminApi;
import io.billingbridge.console.service.Me;
import java.net.URI;
import java.util.Objects;

/**
 * A connection that passed the connect check: the API, the server it talks to and who the token is.
 *
 * <p>{@code toString} names the server and the token's name only.
 */
public record Session(AdminApi api, URI serverUrl, Me me) {
    public Session {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(me, "me");
    }

    /** Whether the token may run actions. */
    public boolean canWrite() {
        return me.canWrite();
    }

    @Override
    public String toString() {
        return "Session[" + serverUrl + " as " + me.name() + "]";
    }
}

package io.billingbridge.console.service;

import java.net.URI;

/** Opens the admin API of the server at a URL with a token; the connect screen's one way to reach a server. */
@FunctionalInterface
public interface AdminApiFactory {

    /** An API client for {@code serverUrl} ({@code http://host:8080}) that sends {@code token}; no call is made yet. */
    AdminApi open(URI serverUrl, String token);
}

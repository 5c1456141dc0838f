package io.billingbridge.sandbox.clerk;

import java.util.concurrent.atomic.AtomicInteger;

/** The public keys: {@code GET /.well-known/jwks.json} (Frontend API) and {@code GET /v1/jwks} (Backend API). */
final class JwksResource {
    static final String FRONTEND_PATH = "/.well-known/jwks.json";
    static final String BACKEND_PATH = "/v1/jwks";

    private final DevKeys keys;
    private final AtomicInteger requests = new AtomicInteger();

    JwksResource(DevKeys keys) {
        this.keys = keys;
    }

    void registerFrontend(DevRouter router) {
        router.add("GET", FRONTEND_PATH, request -> jwks());
    }

    /** For the router of Backend API calls that are neither counted nor failed on purpose. */
    void registerBackend(DevRouter router) {
        router.add("GET", BACKEND_PATH, request -> jwks());
    }

    /** How many times either endpoint was fetched. */
    int requestCount() {
        return requests.get();
    }

    private DevResponse jwks() {
        requests.incrementAndGet();
        return DevResponse.rawJson(keys.jwks());
    }
}

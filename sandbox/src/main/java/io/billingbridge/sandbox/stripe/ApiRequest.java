package io.billingbridge.sandbox.stripe;

import java.util.List;
import java.util.Map;

/** One parsed call to the emulated Stripe API. */
record ApiRequest(String method, String path, Map<String, String> pathParams, FormParams params,
        String requestId, String idempotencyKey) {

    String path(String name) {
        return pathParams.get(name);
    }

    List<String> expand() {
        return params.list("expand");
    }

    Origin origin() {
        return new Origin(requestId, idempotencyKey);
    }
}

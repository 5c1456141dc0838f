package io.billingbridge.sandbox.clerk;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code /v1/} pipeline: the secret key first, then key fetches (neither counted nor failed on purpose),
 * then every other call, routed or not, is counted and may take an injected failure before it is routed.
 */
final class BackendApi {
    static final String PREFIX = "/v1/";

    private final String secretKey;
    private final DevRouter keyRoutes;
    private final DevRouter routes;
    private final DevFailures failures;
    private final AtomicInteger requests = new AtomicInteger();

    BackendApi(String secretKey, DevRouter keyRoutes, DevRouter routes, DevFailures failures) {
        this.secretKey = secretKey;
        this.keyRoutes = keyRoutes;
        this.routes = routes;
        this.failures = failures;
    }

    DevResponse handle(DevRequest request) throws IOException {
        if (!request.header("Authorization").filter(("Bearer " + secretKey)::equals).isPresent()) {
            return DevResponse.error(401, "authentication_invalid", "Invalid authentication", request.traceId());
        }
        Optional<DevResponse> keys = keyRoutes.answer(request);
        if (keys.isPresent()) {
            return keys.get();
        }
        requests.incrementAndGet();
        Optional<DevFailures.Failure> failure = failures.take();
        if (failure.isPresent()) {
            return DevFailures.response(failure.get(), request.traceId());
        }
        return routes.answer(request).orElseGet(() -> DevResponse.notFound(request.traceId()));
    }

    /** How many calls other than key fetches arrived with the right key, failed ones included. */
    int requestCount() {
        return requests.get();
    }
}

package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON response of the emulated Stripe API. */
record ApiResponse(int status, JsonNode body) {

    static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }
}

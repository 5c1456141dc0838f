package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A request the emulator refuses the way Stripe would, carrying Stripe's error object fields. */
final class StripeApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final String declineCode;

    StripeApiException(int status, String type, String code, String param, String message, String declineCode) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.declineCode = declineCode;
    }

    static StripeApiException invalid(String param, String message) {
        return new StripeApiException(400, "invalid_request_error", null, param, message, null);
    }

    static StripeApiException invalid(String code, String param, String message) {
        return new StripeApiException(400, "invalid_request_error", code, param, message, null);
    }

    static StripeApiException unknownParameter(String param) {
        return new StripeApiException(400, "invalid_request_error", "parameter_unknown", param,
                "Received unknown parameter: " + param, null);
    }

    static StripeApiException missingParameter(String param) {
        return new StripeApiException(400, "invalid_request_error", "parameter_missing", param,
                "Missing required param: " + param + ".", null);
    }

    static StripeApiException invalidInteger(String param, String value) {
        return new StripeApiException(400, "invalid_request_error", "parameter_invalid_integer", param,
                "Invalid integer: " + value, null);
    }

    static StripeApiException noSuch(String resource, String id, String param) {
        return noSuch(resource, id, param, 404);
    }

    static StripeApiException noSuch(String resource, String id, String param, int status) {
        return new StripeApiException(status, "invalid_request_error", "resource_missing", param,
                "No such " + resource + ": '" + id + "'", null);
    }

    static StripeApiException unrecognizedUrl(String method, String path) {
        return new StripeApiException(404, "invalid_request_error", null, null,
                "Unrecognized request URL (" + method + ": " + path + "). Please see https://stripe.com/docs"
                        + " or we can help at https://support.stripe.com/.", null);
    }

    static StripeApiException cardDeclined() {
        return new StripeApiException(402, "card_error", "card_declined", null, "Your card was declined.",
                "generic_decline");
    }

    static StripeApiException incorrectNumber() {
        return new StripeApiException(402, "card_error", "incorrect_number", "number",
                "Your card number is incorrect.", null);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    /** Renders Stripe's error body {@code {"error":{...}}}. */
    ObjectNode body(String requestId) {
        ObjectNode error = Json.object();
        if (code != null) {
            error.put("code", code);
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        if (declineCode != null) {
            error.put("decline_code", declineCode);
        }
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        if (requestId != null) {
            error.put("request_log_url", "https://dashboard.stripe.com/test/logs/" + requestId);
        }
        error.put("type", type);
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }
}

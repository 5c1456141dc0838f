package io.billingbridge.http.api;

/** The {@code object} field of list documents, which is always {@code "list"}, as in Stripe's API. */
final class ListObject {
    static final String LIST = "list";

    private ListObject() {
    }

    static String check(String object) {
        if (!LIST.equals(object)) {
            throw new IllegalArgumentException("a list document's object is \"list\", not " + object);
        }
        return object;
    }
}

package io.billingbridge.clerk;

/** The checks a session token goes through, in the order Clerk's own SDK applies them. */
enum TokenCheck {
    PRESENT("token is missing"),
    FORMAT("token is not a compact JWS"),
    TYPE("typ header is not JWT"),
    ALGORITHM("algorithm is not RS256, RS384 or RS512"),
    KEY("no key for the token's kid"),
    SIGNATURE("signature does not verify"),
    SUBJECT("sub is missing or not a string"),
    AUTHORIZED_PARTY("azp is missing or not an authorized party"),
    ISSUER("iss does not match"),
    EXPIRATION("token is expired or has no numeric exp"),
    NOT_BEFORE("token is not valid yet (nbf)"),
    ISSUED_AT("token is issued in the future (iat)"),
    SESSION_STATUS("session is pending"),
    SESSION_ID("sid is missing or not a string"),
    CLAIMS("organization claims are malformed");

    private final String description;

    TokenCheck(String description) {
        this.description = description;
    }

    /** What failed, safe to log. */
    String description() {
        return description;
    }
}

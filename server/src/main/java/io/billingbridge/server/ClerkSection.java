package io.billingbridge.server;

import java.util.Arrays;
import java.util.ArrayList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import java.util.List;
import java.util.Optional;

/** {@code clerk:} in config.yml — how session tokens are verified and where the Backend API is. */
public class ClerkSection {
    /**
     * PEM public key ({@code CLERK_JWT_KEY}): verification without network. Multi-line, {@code \n}-escaped or only
     * the base64 body.
     */
    @JsonProperty
    private String jwtKey;

    /**
     * JWKS URL, when no PEM key is given (the Frontend API's {@code /.well-known/jwks.json}); it never receives the
     * secret key. Unset, the Backend API's {@code /v1/jwks} is used with the secret key.
     */
    @JsonProperty
    private String jwksUrl;

    @JsonProperty
    private String secretKey;

    @JsonProperty
    private String apiUrl = "https://api.clerk.com";

    @JsonProperty
    private String webhookSigningSecret;

    /** Origins accepted in the token's {@code azp}: required unless {@link #allowAnyAuthorizedParty}. */
    private List<String> authorizedParties = List.of();

    /** Accept tokens made for any origin (no {@code azp} check): an explicit choice, never a default. */
    @JsonProperty
    private boolean allowAnyAuthorizedParty;

    /** The token issuer required in {@code iss} (the Frontend API URL); empty: any. */
    @JsonProperty
    private String issuer;

    /** Accept tokens of sessions that still have a pending task ({@code sts: pending}). */
    @JsonProperty
    private boolean allowPendingSessions;

    /**
     * Sets the authorized parties from a YAML list, or from one text of comma-separated origins (as an environment
     * variable gives them: {@code CLERK_AUTHORIZED_PARTIES=https://app.example.com,https://www.example.com}).
     */
    @JsonProperty("authorizedParties")
    void readAuthorizedParties(JsonNode value) {
        List<String> parties = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(party -> parties.add(party.asText().strip()));
        } else if (value.isTextual()) {
            Arrays.stream(value.textValue().split(",")).map(String::strip).forEach(parties::add);
        } else if (!value.isNull()) {
            throw new IllegalArgumentException("clerk.authorizedParties must be a list of origins or a comma-separated text");
        }
        parties.removeIf(String::isEmpty);
        this.authorizedParties = List.copyOf(parties);
    }

    /**
     * The server refuses to start when no authorized party is configured and none was waived: a token made for
     * another application of the same Clerk instance would otherwise be accepted.
     */
    void requireAuthorizedParties() {
        if (authorizedParties.isEmpty() && !allowAnyAuthorizedParty) {
            throw new StartupProblem("clerk.authorizedParties (CLERK_AUTHORIZED_PARTIES) is empty: list your"
                    + " application's origins, e.g. https://app.example.com, so that tokens made for another origin are"
                    + " refused (or set clerk.allowAnyAuthorizedParty: true to accept any)");
        }
    }

    public String getJwtKey() {
        return jwtKey;
    }

    public void setJwtKey(String jwtKey) {
        this.jwtKey = jwtKey;
    }

    /** The {@link #getJwtKey() jwtKey} as a standard PEM; throws {@link StartupProblem} naming it if unreadable. */
    Optional<String> jwtKeyPem() {
        if (jwtKey == null || jwtKey.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ClerkJwtKey.toPem(jwtKey));
        } catch (IllegalArgumentException e) {
            throw new StartupProblem("clerk.jwtKey (CLERK_JWT_KEY) " + e.getMessage());
        }
    }

    @JsonIgnore
    @ValidationMethod(message = "clerk.jwtKey (CLERK_JWT_KEY) is not an RSA public key in PEM form: copy the PEM"
            + " public key from Clerk's dashboard (multi-line, with \\n escapes, or only its base64 body)")
    public boolean isJwtKeyReadable() {
        try {
            jwtKeyPem();
            return true;
        } catch (StartupProblem e) {
            return false;
        }
    }

    public String getJwksUrl() {
        return jwksUrl;
    }

    public void setJwksUrl(String jwksUrl) {
        this.jwksUrl = jwksUrl;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getApiUrl() {
        return apiUrl;
    }

    public void setApiUrl(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    public String getWebhookSigningSecret() {
        return webhookSigningSecret;
    }

    public void setWebhookSigningSecret(String webhookSigningSecret) {
        this.webhookSigningSecret = webhookSigningSecret;
    }

    public List<String> getAuthorizedParties() {
        return authorizedParties;
    }

    public void setAuthorizedParties(List<String> authorizedParties) {
        this.authorizedParties = List.copyOf(authorizedParties);
    }

    public boolean isAllowAnyAuthorizedParty() {
        return allowAnyAuthorizedParty;
    }

    public void setAllowAnyAuthorizedParty(boolean allowAnyAuthorizedParty) {
        this.allowAnyAuthorizedParty = allowAnyAuthorizedParty;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public boolean isAllowPendingSessions() {
        return allowPendingSessions;
    }
}

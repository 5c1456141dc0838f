package io.billingbridge.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code clerk:} in config.yml — how session tokens are verified and where the Backend API is. */
public class ClerkSection {
    /** PEM public key ({@code CLERK_JWT_KEY}): verification without network. */
    @JsonProperty
    private String jwtKey;

    /** JWKS URL, when no PEM key is given (Frontend API {@code /.well-known/jwks.json} or Backend {@code /v1/jwks}). */
    @JsonProperty
    private String jwksUrl;

    @JsonProperty
    private String secretKey;

    @JsonProperty
    private String apiUrl = "https://api.clerk.com";

    @JsonProperty
    private String webhookSigningSecret;

    /** Origins accepted in the token's {@code azp}; Clerk recommends setting them. */
    @JsonProperty
    private List<String> authorizedParties = List.of();

    @JsonProperty
    private String issuer;

    @JsonProperty
    private boolean allowPendingSessions;

    public String getJwtKey() {
        return jwtKey;
    }

    public void setJwtKey(String jwtKey) {
        this.jwtKey = jwtKey;
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
        this.authorizedParties = authorizedParties;
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

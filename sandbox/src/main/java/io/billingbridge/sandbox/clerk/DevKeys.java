package io.billingbridge.sandbox.clerk;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The dev instance's RSA signing keys: the newest signs, the previous one stays in the JWKS after a rotation. */
final class DevKeys {
    private final List<RSAKey> keys = new ArrayList<>();

    DevKeys() {
        rotate();
    }

    /** Makes a new key current and keeps only the one before it; returns the new kid. */
    synchronized String rotate() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("ins_dev_" + DevStore.newId("").substring(0, 16))
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            keys.add(0, key);
            while (keys.size() > 2) {
                keys.remove(keys.size() - 1);
            }
            return key.getKeyID();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    synchronized String currentKeyId() {
        return keys.get(0).getKeyID();
    }

    /** The public keys as a JWKS document. */
    synchronized String jwks() {
        return new JWKSet(keys.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList())
                .toString(true);
    }

    /** The current public key in PEM (SPKI) form, like Clerk's {@code CLERK_JWT_KEY}. */
    synchronized String publicKeyPem() {
        try {
            byte[] der = keys.get(0).toRSAPublicKey().getEncoded();
            String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(der);
            return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs these claims with the current key (RS256, {@code typ: JWT}, {@code kid}). */
    String sign(Map<String, Object> claims) {
        RSAKey key;
        synchronized (this) {
            key = keys.get(0);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), JWTClaimsSet.parse(claims));
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException | java.text.ParseException e) {
            throw new IllegalStateException("cannot sign a session token", e);
        }
    }
}

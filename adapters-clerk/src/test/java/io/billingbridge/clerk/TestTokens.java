package io.billingbridge.clerk;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs session tokens in tests with a key generated once per run. */
final class TestTokens {
    static final RSAKey KEY = generate("test_kid");
    static final RSAKey OTHER_KEY = generate("other_kid");

    private TestTokens() {
    }

    static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(RSAKey key) {
        try {
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                    key.toRSAPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid v1 claims for user_1 / sess_1 around {@code now} (seconds). */
    static Map<String, Object> claims(long now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("azp", "https://app.example");
        c.put("exp", now + 60);
        c.put("iat", now);
        c.put("iss", "https://clerk.example");
        c.put("nbf", now - 10);
        c.put("sid", "sess_1");
        c.put("sub", "user_1");
        return c;
    }

    static String sign(RSAKey key, JWSAlgorithm alg, Map<String, Object> header, Map<String, Object> claims) {
        try {
            Map<String, Object> h = new LinkedHashMap<>(header);
            h.put("alg", alg.getName());
            JWSObject jws = new JWSObject(JWSHeader.parse(h), new Payload(claims));
            jws.sign(new RSASSASigner(key));
            return jws.serialize();
        } catch (JOSEException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(Map<String, Object> claims) {
        return sign(KEY, JWSAlgorithm.RS256, Map.of("typ", "JWT", "kid", KEY.getKeyID()), claims);
    }

    static String b64(String json) {
        return Base64URL.encode(json).toString();
    }
}

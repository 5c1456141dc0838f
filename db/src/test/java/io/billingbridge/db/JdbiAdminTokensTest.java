package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.admin.AdminIdentity;
import io.billingbridge.core.admin.AdminTokenFormat;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.db.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbiAdminTokensTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    private Jdbi jdbi;
    private JdbiAdminTokens tokens;

    @BeforeEach
    void freshDatabase() {
        jdbi = Databases.jdbi(TestDatabases.freshMigrated());
        tokens = new JdbiAdminTokens(jdbi, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Test
    void createdTokenHasTheDocumentedShapeAndOnlyItsHashIsStored() {
        String token = tokens.create("support-alice");

        assertThat(token).startsWith("bbadm_").hasSize("bbadm_".length() + 43);
        assertThat(AdminTokenFormat.looksLikeToken(token)).isTrue();
        String stored = jdbi.withHandle(h -> h.createQuery("SELECT token_hash FROM admin_tokens WHERE name = 'support-alice'")
                .mapTo(String.class).one());
        assertThat(stored).isEqualTo(AdminTokenFormat.hash(token)).hasSize(64).doesNotContain(token.substring(6));
        long rowsMentioningToken = jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM admin_tokens t WHERE t::text LIKE '%' || :secret || '%'")
                .bind("secret", token.substring(6))
                .mapTo(Long.class).one());
        assertThat(rowsMentioningToken).isZero();
    }

    @Test
    void verifyReturnsTheHolderAndRecordsTheUse() {
        String token = tokens.create("support-alice");

        assertThat(tokens.verify(token)).contains(new AdminIdentity("support-alice"));
        boolean used = jdbi.withHandle(h -> h.createQuery("SELECT last_used_at IS NOT NULL FROM admin_tokens")
                .mapTo(Boolean.class).one());
        assertThat(used).isTrue();
    }

    @Test
    void unknownMalformedAndRevokedTokensAreRefused() {
        String token = tokens.create("support-alice");
        String other = tokens.create("support-bob");

        assertThat(tokens.verify(AdminTokenFormat.generate())).isEmpty();
        assertThat(tokens.verify("bbadm_short")).isEmpty();
        assertThat(tokens.verify(token.substring(6))).as("without the prefix").isEmpty();
        assertThat(tokens.verify("")).isEmpty();

        tokens.revoke("support-alice");
        assertThat(tokens.verify(token)).isEmpty();
        assertThat(tokens.verify(other)).as("other tokens stay valid").contains(new AdminIdentity("support-bob"));
    }

    @Test
    void namesAreUniqueValidatedAndRevokedOnce() {
        tokens.create("ops");
        assertThatThrownBy(() -> tokens.create("ops")).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> tokens.create("no spaces")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> tokens.revoke("nobody")).isInstanceOf(NotFound.class);
        tokens.revoke("ops");
        assertThatThrownBy(() -> tokens.revoke("ops")).isInstanceOf(NotFound.class);
    }

    @Test
    void everyTokenIsDifferent() {
        assertThat(tokens.create("a")).isNotEqualTo(tokens.create("b"));
    }
}

package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.admin.AdminIdentity;
import io.billingbridge.core.admin.AdminScope;
import io.billingbridge.core.admin.AdminTokenFormat;
import io.billingbridge.core.admin.AdminTokenInfo;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.db.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbiAdminTokensTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final Set<AdminScope> READ = Set.of(AdminScope.READ);
    private static final Set<AdminScope> READ_WRITE = Set.of(AdminScope.READ, AdminScope.WRITE);

    private Jdbi jdbi;
    private JdbiAdminTokens tokens;

    @BeforeEach
    void freshDatabase() {
        jdbi = Databases.jdbi(TestDatabases.freshMigrated());
        tokens = new JdbiAdminTokens(jdbi, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Test
    void createdTokenHasTheDocumentedShapeAndOnlyItsHashIsStored() {
        String token = tokens.create("support-alice", READ_WRITE);

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
    void aTokenIsStoredAsTheLowercaseHexSha256OfItsUtf8Text() {
        // The digest was computed outside Java: printf '%s' "$TOKEN" | sha256sum
        String token = "bbadm_Kq3x-9Vb_TzW0pLr7MdNf2YhUc8AsEj4GiXo1tR5k6e";
        String digest = "e50a86328c881420686e08428c43ae56bb61a14ef6e091699010517f12676cf8";
        assertThat(AdminTokenFormat.looksLikeToken(token)).isTrue();
        assertThat(AdminTokenFormat.hash(token)).isEqualTo(digest);

        jdbi.useHandle(h -> h.createUpdate("INSERT INTO admin_tokens (name, token_hash, scopes, created_at) "
                + "VALUES ('ops-known', :hash, 'read', :t)").bind("hash", digest)
                .bind("t", T0.atOffset(ZoneOffset.UTC)).execute());

        assertThat(tokens.verify(token)).contains(new AdminIdentity("ops-known", READ));
    }

    @Test
    void verifyReturnsTheHolderAndRecordsTheUse() {
        String token = tokens.create("support-alice", READ_WRITE);

        assertThat(tokens.verify(token)).contains(new AdminIdentity("support-alice", READ_WRITE));
        boolean used = jdbi.withHandle(h -> h.createQuery("SELECT last_used_at IS NOT NULL FROM admin_tokens")
                .mapTo(Boolean.class).one());
        assertThat(used).isTrue();
    }

    @Test
    void unknownMalformedAndRevokedTokensAreRefused() {
        String token = tokens.create("support-alice", READ_WRITE);
        String other = tokens.create("support-bob", READ_WRITE);

        assertThat(tokens.verify(AdminTokenFormat.generate())).isEmpty();
        assertThat(tokens.verify("bbadm_short")).isEmpty();
        assertThat(tokens.verify(token.substring(6))).as("without the prefix").isEmpty();
        assertThat(tokens.verify("")).isEmpty();

        tokens.revoke("support-alice");
        assertThat(tokens.verify(token)).isEmpty();
        assertThat(tokens.verify(other)).as("other tokens stay valid").contains(new AdminIdentity("support-bob", READ_WRITE));
    }

    @Test
    void namesAreUniqueValidatedAndRevokedOnce() {
        tokens.create("ops", READ_WRITE);
        assertThatThrownBy(() -> tokens.create("ops", READ_WRITE)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> tokens.create("no spaces", READ_WRITE)).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> tokens.revoke("nobody")).isInstanceOf(NotFound.class);
        tokens.revoke("ops");
        assertThatThrownBy(() -> tokens.revoke("ops")).isInstanceOf(NotFound.class);
    }

    @Test
    void everyTokenIsDifferent() {
        assertThat(tokens.create("a", READ_WRITE)).isNotEqualTo(tokens.create("b", READ_WRITE));
    }

    @Test
    void aTokenKeepsItsScopesAndTheListShowsEveryTokenWithoutItsHash() {
        String reader = tokens.create("support-read", READ);
        tokens.create("support-write", READ_WRITE);
        tokens.revoke("support-write");

        assertThat(tokens.verify(reader)).contains(new AdminIdentity("support-read", READ));
        assertThat(tokens.list()).containsExactly(
                new AdminTokenInfo("support-read", READ, T0, Optional.of(T0), Optional.empty()),
                new AdminTokenInfo("support-write", READ_WRITE, T0, Optional.empty(), Optional.of(T0)));
        assertThatThrownBy(() -> tokens.create("writer-only", Set.of(AdminScope.WRITE)))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("INSERT INTO admin_tokens (name, token_hash, scopes, "
                + "created_at) VALUES ('bad', repeat('a', 64), 'write', now())")))
                .as("the schema allows only read and read,write").hasMessageContaining("admin_tokens_scopes");
    }

    @Test
    void aTokenMadeBeforeScopesExistedMayStillReadAndWrite() {
        DataSource dataSource = TestDatabases.fresh();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("8").load().migrate();
        String token = AdminTokenFormat.generate();
        Jdbi old = Databases.jdbi(dataSource);
        old.useHandle(h -> h.createUpdate("INSERT INTO admin_tokens (name, token_hash, created_at) "
                + "VALUES ('ops-before', :hash, :t)").bind("hash", AdminTokenFormat.hash(token))
                .bind("t", T0.atOffset(ZoneOffset.UTC)).execute());

        new DatabaseMigrations(dataSource).migrate();
        JdbiAdminTokens migrated = new JdbiAdminTokens(old, Clock.fixed(T0, ZoneOffset.UTC));

        assertThat(migrated.verify(token)).contains(new AdminIdentity("ops-before", READ_WRITE));
        assertThat(migrated.list()).extracting(AdminTokenInfo::scopes).containsExactly(READ_WRITE);
        migrated.create("ops-after", READ);
        assertThat(migrated.list()).extracting(AdminTokenInfo::scopes).containsExactly(READ_WRITE, READ);
    }
}

package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.appkey.AppKeyFormat;
import io.billingbridge.core.appkey.AppKeyIdentity;
import io.billingbridge.core.appkey.AppKeyInfo;
import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.db.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbiAppKeysTest {
    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
    private static final Set<AppKeyScope> USAGE = Set.of(AppKeyScope.USAGE_WRITE);
    private static final Set<AppKeyScope> BOTH = Set.of(AppKeyScope.USAGE_WRITE, AppKeyScope.BILLING_READ);

    private final MovableClock clock = new MovableClock();
    private Jdbi jdbi;
    private JdbiAppKeys keys;

    @BeforeEach
    void freshDatabase() {
        jdbi = Databases.jdbi(TestDatabases.freshMigrated());
        keys = new JdbiAppKeys(jdbi, clock);
    }

    private Optional<Instant> lastUsed(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT last_used_at FROM app_keys WHERE name = :name")
                .bind("name", name).mapTo(Instant.class).findOne());
    }

    @Test
    void createdKeyHasTheDocumentedShapeAndOnlyItsHashIsStored() {
        String key = keys.create("orders-service", USAGE);

        assertThat(key).startsWith("bbapp_").hasSize("bbapp_".length() + 43);
        assertThat(AppKeyFormat.looksLikeKey(key)).isTrue();
        String stored = jdbi.withHandle(h -> h.createQuery("SELECT key_hash FROM app_keys WHERE name = 'orders-service'")
                .mapTo(String.class).one());
        assertThat(stored).isEqualTo(AppKeyFormat.hash(key)).hasSize(64);
        long rowsMentioningKey = jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM app_keys k WHERE k::text LIKE '%' || :secret || '%'")
                .bind("secret", key.substring(6)).mapTo(Long.class).one());
        assertThat(rowsMentioningKey).isZero();
    }

    @Test
    void aKeyIsStoredAsTheLowercaseHexSha256OfItsUtf8Text() {
        // The digest was computed outside Java: printf '%s' "$KEY" | sha256sum
        String key = "bbapp_Kq3x-9Vb_TzW0pLr7MdNf2YhUc8AsEj4GiXo1tR5k6e";
        String digest = "69af3fe47a48c8cf233a77ad9c5720fdbef1b4a7a77ab0805a2240b5d2ca6e15";
        assertThat(AppKeyFormat.looksLikeKey(key)).isTrue();
        assertThat(AppKeyFormat.hash(key)).isEqualTo(digest);

        jdbi.useHandle(h -> h.createUpdate("INSERT INTO app_keys (name, key_hash, scopes, created_at) "
                + "VALUES ('known', :hash, 'billing:read', :t)").bind("hash", digest)
                .bind("t", T0.atOffset(ZoneOffset.UTC)).execute());

        assertThat(keys.verify(key)).contains(new AppKeyIdentity("known", Set.of(AppKeyScope.BILLING_READ)));
    }

    @Test
    void verifyRecordsTheFirstUseThenAtMostOncePerMinute() {
        String key = keys.create("orders-service", BOTH);
        assertThat(lastUsed("orders-service")).isEmpty();

        assertThat(keys.verify(key)).contains(new AppKeyIdentity("orders-service", BOTH));
        assertThat(lastUsed("orders-service")).contains(T0);

        clock.advance(Duration.ofSeconds(59));
        assertThat(keys.verify(key)).isPresent();
        assertThat(lastUsed("orders-service")).as("within the minute: not written again").contains(T0);

        clock.advance(Duration.ofSeconds(2));
        assertThat(keys.verify(key)).isPresent();
        assertThat(lastUsed("orders-service")).contains(T0.plusSeconds(61));
    }

    @Test
    void unknownMalformedRevokedAndOtherKindsOfTokenAreRefused() {
        String key = keys.create("orders-service", USAGE);
        String other = keys.create("reports-service", USAGE);

        assertThat(keys.verify(AppKeyFormat.generate())).isEmpty();
        assertThat(keys.verify("bbapp_short")).isEmpty();
        assertThat(keys.verify(key.substring(6))).as("without the prefix").isEmpty();
        assertThat(keys.verify("bbadm_" + key.substring(6))).as("an admin token's prefix").isEmpty();
        assertThat(keys.verify("")).isEmpty();

        keys.revoke("orders-service");
        assertThat(keys.verify(key)).isEmpty();
        assertThat(lastUsed("orders-service")).as("a refused key is not recorded as used").isEmpty();
        assertThat(keys.verify(other)).as("other keys stay valid")
                .contains(new AppKeyIdentity("reports-service", USAGE));
    }

    @Test
    void namesAreUniqueValidatedAndRevokedOnce() {
        keys.create("ops", USAGE);
        assertThatThrownBy(() -> keys.create("ops", BOTH)).isInstanceOf(Conflict.class)
                .hasMessage("an app key named 'ops' already exists");
        assertThatThrownBy(() -> keys.create("no spaces", USAGE)).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> keys.create("no-scopes", Set.of())).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> keys.revoke("nobody")).isInstanceOf(NotFound.class)
                .hasMessage("no active app key is named 'nobody'");
        keys.revoke("ops");
        assertThatThrownBy(() -> keys.revoke("ops")).isInstanceOf(NotFound.class);
    }

    @Test
    void theListShowsEveryKeyWithItsScopesAndTimesButNoHash() {
        String reader = keys.create("reader", Set.of(AppKeyScope.BILLING_READ));
        keys.create("both", BOTH);
        clock.advance(Duration.ofMinutes(5));
        keys.revoke("both");
        keys.verify(reader);

        assertThat(keys.list()).containsExactly(
                new AppKeyInfo("reader", Set.of(AppKeyScope.BILLING_READ), T0, Optional.of(T0.plusSeconds(300)),
                        Optional.empty()),
                new AppKeyInfo("both", BOTH, T0, Optional.empty(), Optional.of(T0.plusSeconds(300))));
    }

    @Test
    void theSchemaAllowsOnlyNonEmptySubsetsOfTheKnownScopesInOneSpelling() {
        for (String scopes : new String[] {"", "usage:read", "billing:read,usage:write", "usage:write,usage:write",
            "admin"}) {
            assertThatThrownBy(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO app_keys (name, key_hash, "
                    + "scopes, created_at) VALUES ('bad', repeat('a', 64), :scopes, now())").bind("scopes", scopes)
                    .execute())).as(scopes).hasMessageContaining("app_keys_scopes");
        }
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now = T0;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

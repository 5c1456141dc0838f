package io.billingbridge.core.appkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.admin.AdminTokenFormat;
import io.billingbridge.core.admin.RefusalTally;
import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.Unauthenticated;
import io.billingbridge.core.testing.AdvancingClock;
import io.billingbridge.core.testing.RecordingAuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticateAppKeyTest {
    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");
    private static final Set<AppKeyScope> USAGE = Set.of(AppKeyScope.USAGE_WRITE);
    private static final Set<AppKeyScope> ANY = Set.of(AppKeyScope.USAGE_WRITE, AppKeyScope.BILLING_READ);

    private final AdvancingClock clock = new AdvancingClock(START);
    private final RecordingAuditLog log = new RecordingAuditLog();
    private final String usageKey = AppKeyFormat.generate();
    private final String readKey = AppKeyFormat.generate();
    private final List<String> verified = new ArrayList<>();
    private final AppKeys keys = new AppKeys() {
        @Override
        public String create(String name, Set<AppKeyScope> scopes) {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public List<AppKeyInfo> list() {
            return List.of();
        }

        @Override
        public Optional<AppKeyIdentity> verify(String key) {
            verified.add(key);
            if (key.equals(usageKey)) {
                return Optional.of(new AppKeyIdentity("orders-service", USAGE));
            }
            return key.equals(readKey)
                    ? Optional.of(new AppKeyIdentity("reports", Set.of(AppKeyScope.BILLING_READ)))
                    : Optional.empty();
        }

        @Override
        public void revoke(String name) {
            throw new UnsupportedOperationException("not needed here");
        }
    };
    private final AuthenticateAppKey authenticate = new AuthenticateAppKey(keys, new Auditor(log, clock),
            new RefusalTally(clock, Duration.ofSeconds(60)));

    private List<String> audited() {
        return log.entries.stream().map(e -> e.actor() + " " + e.action() + " " + e.outcome() + " " + e.detail())
                .toList();
    }

    @Test
    void aKeyWithTheScopeIsItsHolderAndLeavesNoAuditRow() {
        assertThat(authenticate.authenticate(Optional.of(usageKey), USAGE))
                .isEqualTo(new AppKeyIdentity("orders-service", USAGE));
        assertThat(authenticate.authenticate(Optional.of(readKey), ANY).name()).isEqualTo("reports");
        assertThat(log.entries).isEmpty();
    }

    @Test
    void aKnownKeyWithoutTheScopeIsForbiddenAndAuditedUnderItsName() {
        assertThatThrownBy(() -> authenticate.authenticate(Optional.of(readKey), USAGE))
                .isInstanceOfSatisfying(AccessDenied.class, e -> {
                    assertThat(e.code()).isEqualTo("app_key_scope_required");
                    assertThat(e.getMessage()).isEqualTo("this endpoint needs an app key with the 'usage:write' scope");
                });
        assertThat(audited()).containsExactly("app:reports app.authenticate denied app_key_scope_required");
    }

    @Test
    void missingUnknownAndOtherKindsOfTokenAreUnauthenticatedAndAuditedWithoutKeyMaterial() {
        String unknown = AppKeyFormat.generate();
        String adminToken = AdminTokenFormat.generate();
        String sessionToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2ln";

        assertThatThrownBy(() -> authenticate.authenticate(Optional.empty(), USAGE))
                .isInstanceOfSatisfying(Unauthenticated.class, e -> assertThat(e.code()).isEqualTo("app_key_missing"));
        for (String presented : List.of(unknown, adminToken, sessionToken)) {
            assertThatThrownBy(() -> authenticate.authenticate(Optional.of(presented), USAGE))
                    .isInstanceOfSatisfying(Unauthenticated.class,
                            e -> assertThat(e.code()).isEqualTo("app_key_invalid"));
        }

        assertThat(verified).as("only what looks like an app key reaches the store").containsExactly(unknown);
        assertThat(audited()).containsExactly("app:unknown app.authenticate denied app_key_missing",
                "app:unknown app.authenticate denied app_key_invalid");
        assertThat(log.entries).extracting(AuditEntry::detail).allSatisfy(detail -> assertThat(detail)
                .doesNotContain(unknown.substring(6)).doesNotContain(adminToken.substring(6)).doesNotContain("eyJ"));
    }

    @Test
    void aFloodOfUnknownKeysWritesOneRowPerWindowAndThenTheCount() {
        for (int i = 0; i < 500; i++) {
            assertThatThrownBy(() -> authenticate.authenticate(Optional.of(AppKeyFormat.generate()), USAGE))
                    .isInstanceOf(Unauthenticated.class);
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(audited()).containsExactly("app:unknown app.authenticate denied app_key_invalid");

        clock.advance(Duration.ofSeconds(20));
        assertThatThrownBy(() -> authenticate.authenticate(Optional.of(AppKeyFormat.generate()), USAGE))
                .isInstanceOf(Unauthenticated.class);
        assertThat(log.entries).hasSize(2);
        assertThat(log.entries.get(1).detail()).startsWith("app_key_invalid count=500 since=");
    }

    @Test
    void anEndpointMustAcceptAtLeastOneScope() {
        assertThatThrownBy(() -> authenticate.authenticate(Optional.of(usageKey), Set.of()))
                .isInstanceOf(InvalidRequest.class);
    }

    @Test
    void scopesParseFromTheCommandLineSpellingAndRefuseUnknownRepeatedOrNone() {
        assertThat(AppKeyScope.parse("usage:write")).containsExactly(AppKeyScope.USAGE_WRITE);
        assertThat(AppKeyScope.parse("billing:read, usage:write")).isEqualTo(ANY);
        assertThat(AppKeyScope.format(ANY)).isEqualTo("usage:write,billing:read");
        assertThatThrownBy(() -> AppKeyScope.parse("usage:read")).isInstanceOf(InvalidRequest.class)
                .hasMessage("unknown scope 'usage:read': scopes are one or both of 'usage:write' and 'billing:read', "
                        + "comma-separated");
        assertThatThrownBy(() -> AppKeyScope.parse("usage:write,usage:write")).isInstanceOf(InvalidRequest.class)
                .hasMessageStartingWith("scope 'usage:write' is repeated");
        assertThatThrownBy(() -> AppKeyScope.parse("")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> AppKeyScope.parse("usage:write,")).isInstanceOf(InvalidRequest.class);
    }
}

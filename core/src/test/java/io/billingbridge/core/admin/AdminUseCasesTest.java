package io.billingbridge.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.error.Unauthenticated;
import io.billingbridge.core.testing.InMemoryBillingAccounts;
import io.billingbridge.core.testing.InMemorySnapshots;
import io.billingbridge.core.testing.RecordingAuditLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminUseCasesTest {
    private final RecordingAuditLog log = new RecordingAuditLog();
    private final Auditor auditor = new Auditor(log, Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));
    private final Map<String, String> hashes = new HashMap<>();
    private final AdminTokens tokens = new AdminTokens() {
        @Override
        public String create(String name) {
            String token = AdminTokenFormat.generate();
            hashes.put(AdminTokenFormat.hash(token), AdminTokenFormat.requireValidName(name));
            return token;
        }

        @Override
        public Optional<AdminIdentity> verify(String token) {
            return Optional.ofNullable(hashes.get(AdminTokenFormat.hash(token))).map(AdminIdentity::new);
        }

        @Override
        public void revoke(String name) {
            hashes.values().remove(name);
        }
    };
    private final AuthenticateAdmin authenticate = new AuthenticateAdmin(tokens, auditor);

    @Test
    void aValidTokenNamesItsAdmin() {
        String token = tokens.create("support-alice");
        AdminIdentity admin = authenticate.authenticate(Optional.of(token));
        assertThat(admin.actor()).isEqualTo("admin:support-alice");
        assertThat(log.entries).isEmpty();
    }

    @Test
    void missingMalformedAndUnknownTokensAreRefusedAndAudited() {
        assertThatThrownBy(() -> authenticate.authenticate(Optional.empty())).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> authenticate.authenticate(Optional.of("eyJhbGciOi.session.token")))
                .isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> authenticate.authenticate(Optional.of(AdminTokenFormat.generate())))
                .isInstanceOf(Unauthenticated.class);
        assertThat(log.entries).extracting(AuditEntry::actor).containsOnly(AuthenticateAdmin.UNKNOWN_ACTOR);
        assertThat(log.entries).extracting(AuditEntry::detail)
                .containsExactly("admin_token_missing", "admin_token_invalid", "admin_token_invalid");
        assertThat(log.entries).extracting(AuditEntry::outcome).containsOnly("denied");
    }

    @Test
    void tokensAreRandomWithTheDocumentedShapeAndHashesCompareExactly() {
        String a = AdminTokenFormat.generate();
        assertThat(a).matches("bbadm_[A-Za-z0-9_-]{43}").isNotEqualTo(AdminTokenFormat.generate());
        assertThat(AdminTokenFormat.hash(a)).hasSize(64).isEqualTo(AdminTokenFormat.hash(a));
        assertThat(AdminTokenFormat.sameHash(AdminTokenFormat.hash(a), AdminTokenFormat.hash(a))).isTrue();
        assertThat(AdminTokenFormat.sameHash(AdminTokenFormat.hash(a), AdminTokenFormat.hash(a + "x"))).isFalse();
    }

    @Test
    void inspectingAnOwnerWithoutAccountFailsAndIsAuditedAsFailed() {
        InspectAccount inspect = new InspectAccount(new InMemoryBillingAccounts(), new InMemorySnapshots(), auditor);
        AdminIdentity admin = new AdminIdentity("support");
        assertThatThrownBy(() -> inspect.inspect(admin, "user", "user_nobody")).isInstanceOf(NotFound.class);
        assertThat(log.entries).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("admin:support");
            assertThat(e.owner()).contains("user:user_nobody");
            assertThat(e.outcome()).isEqualTo("failed");
            assertThat(e.detail()).isEqualTo("account_not_found");
        });
        assertThatThrownBy(() -> inspect.inspect(admin, "team", "x")).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void limitsAreBounded() {
        assertThat(PageLimit.of(Optional.empty()).value()).isEqualTo(50);
        assertThat(PageLimit.of(Optional.of(500)).value()).isEqualTo(500);
        assertThatThrownBy(() -> PageLimit.of(Optional.of(0))).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> PageLimit.of(Optional.of(501))).isInstanceOf(InvalidRequest.class);
    }
}

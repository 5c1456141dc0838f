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
import io.billingbridge.core.testing.InMemoryWebhookLedger;
import io.billingbridge.core.testing.RecordingAuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminUseCasesTest {
    private final RecordingAuditLog log = new RecordingAuditLog();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private final Auditor auditor = new Auditor(log, clock);
    private final Map<String, AdminIdentity> hashes = new HashMap<>();
    private final AdminTokens tokens = new AdminTokens() {
        @Override
        public String create(String name, Set<AdminScope> scopes) {
            String token = AdminTokenFormat.generate();
            hashes.put(AdminTokenFormat.hash(token), new AdminIdentity(name, scopes));
            return token;
        }

        @Override
        public List<AdminTokenInfo> list() {
            return List.of();
        }

        @Override
        public Optional<AdminIdentity> verify(String token) {
            return Optional.ofNullable(hashes.get(AdminTokenFormat.hash(token)));
        }

        @Override
        public void revoke(String name) {
            hashes.values().removeIf(a -> a.name().equals(name));
        }
    };
    private final AuthenticateAdmin authenticate = new AuthenticateAdmin(tokens, auditor,
            new RefusalTally(clock, Duration.ZERO));

    @Test
    void aValidTokenNamesItsAdmin() {
        String token = tokens.create("support-alice", Set.of(AdminScope.READ));
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
        AdminIdentity admin = new AdminIdentity("support", Set.of(AdminScope.READ));
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

    @Test
    void aLimitFromTheQueryStringMustBeAWholeNumberInRange() {
        assertThat(PageLimit.parse(Optional.empty()).value()).isEqualTo(50);
        assertThat(PageLimit.parse(Optional.of("7")).value()).isEqualTo(7);
        assertThat(PageLimit.parse(Optional.of("0500")).value()).isEqualTo(500);
        for (String bad : new String[] {"", "abc", "2.5", "-1", "+3", " 3", "1e2", "0", "501", "99999999999"}) {
            assertThatThrownBy(() -> PageLimit.parse(Optional.of(bad))).as("limit '%s'", bad)
                    .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("invalid_limit"));
        }
    }

    @Test
    void malformedAdminRequestsAreRefusedAndStillAuditedAsFailed() {
        AdminIdentity admin = new AdminIdentity("support", Set.of(AdminScope.READ, AdminScope.WRITE));
        InspectAccount inspect = new InspectAccount(new InMemoryBillingAccounts(), new InMemorySnapshots(), auditor);
        InMemoryWebhookLedger ledger = new InMemoryWebhookLedger();
        RetryWebhookEvent retry = new RetryWebhookEvent(ledger, () -> { }, Clock.systemUTC(), auditor);
        ListWebhookEvents events = new ListWebhookEvents(ledger, auditor);
        ReadAuditLog audit = new ReadAuditLog(log, auditor);

        assertThatThrownBy(() -> inspect.inspect(admin, "USER", "user_1")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> inspect.inspect(admin, "user", "user_\"1\"")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> retry.retry(admin, "paypal", "evt_1")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> retry.retry(admin, "stripe", " ")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> events.list(admin, Optional.empty(), Optional.of("abc")))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> audit.latest(admin, Optional.of("2.5"))).isInstanceOf(InvalidRequest.class);

        assertThat(log.entries).extracting(AuditEntry::action).containsExactly("admin.account.read",
                "admin.account.read", "admin.webhook_events.retry", "admin.webhook_events.retry",
                "admin.webhook_events.list", "admin.audit.read");
        assertThat(log.entries).extracting(AuditEntry::detail).containsExactly("invalid_owner", "invalid_owner",
                "invalid_source", "invalid_event_id", "invalid_limit", "invalid_limit");
        assertThat(log.entries).hasSize(6).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("admin:support");
            assertThat(e.outcome()).isEqualTo("failed");
            assertThat(e.owner()).isEmpty();
        });
    }
}

package io.billingbridge.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.Unauthenticated;
import io.billingbridge.core.testing.AdvancingClock;
import io.billingbridge.core.testing.RecordingAuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AdminRefusalAuditTest {
    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final AdvancingClock clock = new AdvancingClock(START);
    private final RecordingAuditLog log = new RecordingAuditLog();
    private final String valid = AdminTokenFormat.generate();
    private final AdminTokens tokens = new AdminTokens() {
        @Override
        public String create(String name, Set<AdminScope> scopes) {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public List<AdminTokenInfo> list() {
            return List.of();
        }

        @Override
        public Optional<AdminIdentity> verify(String token) {
            return token.equals(valid)
                    ? Optional.of(new AdminIdentity("support-alice", Set.of(AdminScope.READ)))
                    : Optional.empty();
        }

        @Override
        public void revoke(String name) {
            throw new UnsupportedOperationException("not needed here");
        }
    };
    private final AuthenticateAdmin authenticate = new AuthenticateAdmin(tokens, new Auditor(log, clock),
            new RefusalTally(clock, WINDOW));

    private void refuseInvalid() {
        assertThatThrownBy(() -> authenticate.authenticate(Optional.of(AdminTokenFormat.generate())))
                .isInstanceOfSatisfying(Unauthenticated.class,
                        e -> assertThat(e.code()).isEqualTo("admin_token_invalid"));
    }

    private List<String> details() {
        return log.entries.stream().map(AuditEntry::detail).toList();
    }

    @Test
    void aThousandRefusalsInAWindowWriteOneRowAndTheNextRowAfterItReportsTheCount() {
        for (int i = 0; i < 1_000; i++) {
            refuseInvalid();
            clock.advance(Duration.ofMillis(50));
        }
        assertThat(details()).containsExactly("admin_token_invalid");
        assertThat(log.entries.get(0).actor()).isEqualTo(AuthenticateAdmin.UNKNOWN_ACTOR);
        assertThat(log.entries.get(0).outcome()).isEqualTo("denied");
        assertThat(log.entries.get(0).action()).isEqualTo(AdminAction.AUTHENTICATE.wireName());

        clock.advance(Duration.ofSeconds(11));
        refuseInvalid();

        assertThat(details()).containsExactly("admin_token_invalid",
                "admin_token_invalid count=1000 since=" + START);
    }

    @Test
    void aRefusalAfterAQuietWindowStandsForItselfAgain() {
        refuseInvalid();
        clock.advance(WINDOW);
        refuseInvalid();
        assertThat(details()).containsExactly("admin_token_invalid", "admin_token_invalid");
    }

    @Test
    void eachReasonHasItsOwnWindowAndValidTokensAreNeitherCountedNorDelayed() {
        for (int i = 0; i < 10; i++) {
            refuseInvalid();
            assertThatThrownBy(() -> authenticate.authenticate(Optional.empty()))
                    .isInstanceOfSatisfying(Unauthenticated.class,
                            e -> assertThat(e.code()).isEqualTo("admin_token_missing"));
            assertThat(authenticate.authenticate(Optional.of(valid)).actor()).isEqualTo("admin:support-alice");
        }
        assertThat(details()).containsExactly("admin_token_invalid", "admin_token_missing");

        clock.advance(WINDOW);
        assertThatThrownBy(() -> authenticate.authenticate(Optional.empty())).isInstanceOf(Unauthenticated.class);
        assertThat(details()).containsExactly("admin_token_invalid", "admin_token_missing",
                "admin_token_missing count=10 since=" + START);
    }

    @Test
    void refusalsFromManyThreadsAreAllCountedAndWrittenOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < 500; i++) {
                        refuseInvalid();
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(log.entries).hasSize(1);

        clock.advance(WINDOW);
        refuseInvalid();
        assertThat(details()).containsExactly("admin_token_invalid", "admin_token_invalid count=4000 since=" + START);
    }

    @Test
    void aNegativeWindowIsRefused() {
        assertThatThrownBy(() -> new RefusalTally(clock, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

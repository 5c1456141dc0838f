package io.billingbridge.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.error.OwnerNotFound;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.identity.Membership;
import io.billingbridge.core.identity.OrganizationProfile;
import io.billingbridge.core.identity.UserProfile;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.sandbox.clerk.ClerkDevConfig;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.sandbox.clerk.DevMembership;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Backend API client against the sandbox Clerk dev instance over HTTP. */
class ClerkIdentityDirectoryTest {
    private static ClerkDevInstance clerk;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private ClerkIdentityDirectory directory;

    @BeforeAll
    static void start() {
        clerk = ClerkDevInstance.start(ClerkDevConfig.defaults());
        clerk.createOrganization("org_big", "Big Co", "big", null);
        for (int i = 0; i < 130; i++) {
            clerk.createUser("user_big_" + i, "Big", "User " + i, null);
            clerk.addMembership("org_big", "user_big_" + i, i == 0 ? DevMembership.ADMIN : DevMembership.MEMBER);
        }
    }

    @AfterAll
    static void stop() {
        clerk.close();
    }

    @BeforeEach
    void client() {
        clerk.injectFailures(0, 500, Optional.empty());
        directory = directory(clerk.baseUrl(), clerk.secretKey(), Duration.ofSeconds(5));
    }

    private ClerkIdentityDirectory directory(URI url, String secret, Duration timeout) {
        ClerkBackendConfig config = ClerkBackendConfig.builder(secret).apiUrl(url).requestTimeout(timeout).build();
        return new ClerkIdentityDirectory(config, HttpClient.newHttpClient(), waits::add);
    }

    @Test
    void findsAUserWithPrimaryEmailAndNothingForAnUnknownOne() {
        UserProfile alice = directory.findUser(new UserId("user_alice")).orElseThrow();
        assertThat(alice.fullName()).contains("Alice Anders");
        assertThat(alice.primaryEmail()).contains("alice@acme.test");
        assertThat(directory.findUser(new UserId("user_nobody"))).isEmpty();
    }

    @Test
    void findsAnOrganizationWithItsMemberCount() {
        OrganizationProfile acme = directory.findOrganization(new OrganizationId("org_acme")).orElseThrow();
        assertThat(acme.name()).isEqualTo("Acme");
        assertThat(acme.slug()).contains("acme");
        assertThat(acme.membersCount()).contains(2);
        assertThat(directory.findOrganization(new OrganizationId("org_nobody"))).isEmpty();
    }

    @Test
    void readsEveryMembershipAcrossPages() {
        assertThat(directory.memberships(new OrganizationId("org_acme")))
                .extracting(m -> m.organizationId().value() + " " + m.userId().value() + " " + m.role())
                .containsExactly("org_acme user_alice org:admin", "org_acme user_bob org:member");
        List<Membership> big = directory.memberships(new OrganizationId("org_big"));
        assertThat(big).hasSize(130);
        assertThat(big.stream().map(m -> m.userId().value()).distinct()).hasSize(130);
        assertThat(big.get(0).role()).isEqualTo("org:admin");
        assertThat(big.get(0).permissions()).contains("org:billing:manage", "org:sys_billing:manage");
        assertThat(big.get(1).role()).isEqualTo("org:member");
        assertThatThrownBy(() -> directory.memberships(new OrganizationId("org_nobody")))
                .isInstanceOf(OwnerNotFound.class);
    }

    @Test
    void pagesThroughUsersAndOrganizationsOldestFirst() {
        assertThat(directory.users(0, 2)).extracting(u -> u.id().value()).containsExactly("user_alice", "user_bob");
        assertThat(directory.users(2, 2)).extracting(u -> u.id().value()).containsExactly("user_carol", "user_dave");
        List<String> all = new ArrayList<>();
        for (int offset = 0; ; offset += 50) {
            List<UserProfile> page = directory.users(offset, 50);
            page.forEach(u -> all.add(u.id().value()));
            if (page.size() < 50) {
                break;
            }
        }
        assertThat(all).hasSize(clerk.users().size()).doesNotHaveDuplicates();
        assertThat(directory.organizations(0, 10)).extracting(o -> o.id().value())
                .startsWith("org_acme", "org_globex");
        assertThat(directory.organizations(0, 1).get(0).membersCount()).contains(2);
        assertThatThrownBy(() -> directory.users(0, 501)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsEveryUserAndOrganization() {
        assertThat(directory.userCount()).isEqualTo(clerk.users().size()).isGreaterThan(130);
        assertThat(directory.organizationCount()).isEqualTo(clerk.organizations().size()).isGreaterThan(2);
    }

    @Test
    void mergesPublicMetadataDeeplyAndNullDeletes() {
        clerk.createUser("user_meta", "Meta", "Data", "meta@example.test");
        Owner owner = Owner.user("user_meta");
        directory.mergePublicMetadata(owner, Map.of("billing", Map.of("plan", "pro", "seats", 3), "keep", true));
        Map<String, Object> second = new HashMap<>();
        second.put("billing", Map.of("seats", 5));
        second.put("keep", null);
        directory.mergePublicMetadata(owner, second);
        assertThat(directory.findUser(new UserId("user_meta")).orElseThrow().publicMetadata())
                .isEqualTo(Map.of("billing", Map.of("plan", "pro", "seats", 5)));

        directory.mergePublicMetadata(Owner.organization("org_globex"), Map.of("plan", "team"));
        assertThat(directory.findOrganization(new OrganizationId("org_globex")).orElseThrow().publicMetadata())
                .containsEntry("plan", "team");
        assertThatThrownBy(() -> directory.mergePublicMetadata(Owner.user("user_nobody"), Map.of("a", 1)))
                .isInstanceOf(OwnerNotFound.class);
    }

    @Test
    void waitsForRetryAfterOn429ThenSucceeds() {
        clerk.injectFailures(1, 429, Optional.of(Duration.ofSeconds(1)));
        assertThat(directory.findUser(new UserId("user_bob"))).isPresent();
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aRetryAfterBeyondTheBoundFailsAtOnceWithIt() {
        clerk.injectFailures(1, 429, Optional.of(Duration.ofSeconds(120)));
        assertThatThrownBy(() -> directory.findUser(new UserId("user_bob")))
                .isInstanceOfSatisfying(ProviderUnavailable.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                    assertThat(e.providerRequestId()).isPresent();
                    assertThat(e.provider()).isEqualTo("clerk");
                });
        assertThat(waits).isEmpty();
    }

    @Test
    void retries5xxWithGrowingBackoffThenSucceeds() {
        clerk.injectFailures(2, 503, Optional.empty());
        int before = clerk.backendRequestCount();
        assertThat(directory.findOrganization(new OrganizationId("org_acme"))).isPresent();
        assertThat(clerk.backendRequestCount() - before).isEqualTo(3);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(125), Duration.ofMillis(250));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void persistent5xxIsProviderUnavailableWithClerksTraceId() {
        clerk.injectFailures(3, 500, Optional.empty());
        assertThatThrownBy(() -> directory.findUser(new UserId("user_alice")))
                .isInstanceOfSatisfying(ProviderUnavailable.class, e -> {
                    assertThat(e.providerRequestId()).hasValueSatisfying(id -> assertThat(id).hasSize(32));
                    assertThat(e.getMessage()).isEqualTo("clerk is unavailable; try again shortly");
                });
        assertThat(waits).hasSize(2);
    }

    @Test
    void aWrongSecretKeyIsProviderUnavailable() {
        assertThatThrownBy(() -> directory(clerk.baseUrl(), "sk_test_wrong", Duration.ofSeconds(5))
                .findUser(new UserId("user_alice"))).isInstanceOf(ProviderUnavailable.class);
    }

    @Test
    void aRefusedConnectionIsProviderUnavailableWithoutRequestId() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> directory(URI.create("http://127.0.0.1:" + port), "sk_x", Duration.ofSeconds(2))
                .findUser(new UserId("user_alice"))).isInstanceOfSatisfying(ProviderUnavailable.class,
                        e -> assertThat(e.providerRequestId()).isEmpty());
        assertThat(waits).hasSize(2);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            assertThatThrownBy(() -> directory(url, "sk_x", Duration.ofMillis(200)).findUser(new UserId("user_a")))
                    .isInstanceOf(ProviderUnavailable.class);
            assertThat(waits).hasSize(2);
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}

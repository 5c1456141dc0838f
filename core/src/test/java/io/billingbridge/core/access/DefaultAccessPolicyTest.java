package io.billingbridge.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefaultAccessPolicyTest {
    private static final UserId ALICE = new UserId("user_alice");
    private static final OrganizationId ACME = new OrganizationId("org_acme");
    private static final OrganizationId GLOBEX = new OrganizationId("org_globex");

    private static final Owner ALICE_HERSELF = new Owner.User(ALICE);
    private static final Owner ANOTHER_USER = Owner.user("user_bob");
    private static final Owner ACME_ORG = new Owner.Organization(ACME);

    private static final Principal NO_ORG = Principal.user(ALICE, "sess_1");
    private static final Principal ACME_ADMIN = Principal.member(ALICE, "sess_1", ACME, "org:admin", Set.of());
    private static final Principal ACME_MEMBER = Principal.member(ALICE, "sess_1", ACME, "org:member", Set.of());
    private static final Principal GLOBEX_ADMIN = Principal.member(ALICE, "sess_1", GLOBEX, "org:admin", Set.of());

    private final AccessPolicy policy = new DefaultAccessPolicy(AccessRules.defaults());

    /** The access table of docs/architecture.md, row by row: caller, owner, and the actions allowed (all others denied). */
    static Stream<Arguments> accessTable() {
        EnumSet<Action> all = EnumSet.allOf(Action.class);
        EnumSet<Action> none = EnumSet.noneOf(Action.class);
        return Stream.of(
                Arguments.of("self, no org", NO_ORG, ALICE_HERSELF, all),
                Arguments.of("self, while acting for an org", ACME_MEMBER, ALICE_HERSELF, all),
                Arguments.of("another user", NO_ORG, ANOTHER_USER, none),
                Arguments.of("another user, as an org admin", ACME_ADMIN, ANOTHER_USER, none),
                Arguments.of("org admin", ACME_ADMIN, ACME_ORG, all),
                Arguments.of("org member", ACME_MEMBER, ACME_ORG, EnumSet.of(Action.READ_PLAN)),
                Arguments.of("admin of another org", GLOBEX_ADMIN, ACME_ORG, none),
                Arguments.of("no active org", NO_ORG, ACME_ORG, none),
                Arguments.of("org that is not the active one", ACME_ADMIN, Owner.organization("org_initech"), none));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accessTable")
    void followsTheDefaultTable(String caseName, Principal caller, Owner owner, EnumSet<Action> allowed) {
        for (Action action : Action.values()) {
            assertThat(policy.permits(caller, action, owner))
                    .as("%s may %s", caseName, action)
                    .isEqualTo(allowed.contains(action));
        }
    }

    @Test
    void customPermissionGrantsBillingWhenConfigured() {
        AccessPolicy custom = new DefaultAccessPolicy(new AccessRules(
                Grant.anyMember(), Grant.oneOf("org:billing:manage"), Grant.oneOf("org:billing:manage")));
        Principal billingMember = Principal.member(ALICE, "sess_1", ACME, "org:member", Set.of("org:billing:manage"));

        assertThat(custom.permits(billingMember, Action.START_CHECKOUT, ACME_ORG)).isTrue();
        assertThat(custom.permits(billingMember, Action.READ_BILLING_DETAILS, ACME_ORG)).isTrue();
        assertThat(custom.permits(ACME_ADMIN, Action.START_CHECKOUT, ACME_ORG))
                .as("admin role no longer suffices once billing is granted by permission only")
                .isFalse();
    }

    @Test
    void memberCannotOpenPortalForOrganization() {
        assertThatThrownBy(() -> policy.check(ACME_MEMBER, Action.OPEN_PORTAL, ACME_ORG))
                .isInstanceOf(AccessDenied.class)
                .hasMessage("you may not open the billing portal for this organization");
    }

    @Test
    void planReadersCanBeRestricted() {
        AccessPolicy strict = new DefaultAccessPolicy(new AccessRules(
                Grant.oneOf("org:admin"), Grant.oneOf("org:admin"), Grant.oneOf("org:admin")));
        assertThat(strict.permits(ACME_MEMBER, Action.READ_PLAN, ACME_ORG)).isFalse();
        assertThat(strict.permits(ACME_ADMIN, Action.READ_PLAN, ACME_ORG)).isTrue();
    }
}

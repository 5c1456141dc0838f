package io.billingbridge.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnerSelectorTest {
    private static final UserId ALICE = new UserId("user_alice");
    private static final Principal ACME_MEMBER =
            Principal.member(ALICE, "sess_1", new OrganizationId("org_acme"), "org:member", Set.of());

    @Test
    void userMeansTheCaller() {
        assertThat(OwnerSelector.select(ACME_MEMBER, "user", Optional.empty())).isEqualTo(new Owner.User(ALICE));
    }

    @Test
    void organizationMeansTheActiveOrganization() {
        assertThat(OwnerSelector.select(ACME_MEMBER, "organization", Optional.empty()))
                .isEqualTo(Owner.organization("org_acme"));
        assertThat(OwnerSelector.select(ACME_MEMBER, "organization", Optional.of("org_acme")))
                .isEqualTo(Owner.organization("org_acme"));
    }

    @Test
    void anotherOrganizationIdIsRefused() {
        assertThatThrownBy(() -> OwnerSelector.select(ACME_MEMBER, "organization", Optional.of("org_globex")))
                .isInstanceOfSatisfying(AccessDenied.class,
                        e -> assertThat(e.code()).isEqualTo("not_active_organization"));
    }

    @Test
    void organizationWithoutActiveOrganizationIsRefused() {
        assertThatThrownBy(() -> OwnerSelector.select(Principal.user(ALICE, "sess_1"), "organization", Optional.empty()))
                .isInstanceOfSatisfying(AccessDenied.class,
                        e -> assertThat(e.code()).isEqualTo("no_active_organization"));
    }

    @Test
    void unknownOwnerTypeIsABadRequest() {
        assertThatThrownBy(() -> OwnerSelector.select(ACME_MEMBER, "customer", Optional.empty()))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.param()).contains("owner"));
        assertThatThrownBy(() -> OwnerSelector.select(ACME_MEMBER, null, Optional.empty()))
                .isInstanceOf(InvalidRequest.class);
    }

    @Test
    void userOwnerWithOrganizationIdIsABadRequest() {
        assertThatThrownBy(() -> OwnerSelector.select(ACME_MEMBER, "user", Optional.of("org_acme")))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.param()).contains("organizationId"));
    }
}

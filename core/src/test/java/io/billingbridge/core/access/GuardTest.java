package io.billingbridge.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.testing.BillingWorld;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardTest {
    private final BillingWorld world = new BillingWorld();
    private final Principal admin = Principal.member(new UserId("user_a"), "s", new OrganizationId("org_a"),
            "org:admin", Set.of());

    @Test
    void malformedOrganizationIdIsAnAuditedDenialNotACrash() {
        for (String id : new String[] {"org_b!", "", "x".repeat(300)}) {
            assertThatThrownBy(() -> world.guard.authorize(admin, "organization", Optional.of(id), Action.READ_PLAN))
                    .isInstanceOf(AccessDenied.class);
        }
        assertThat(world.audit.entries).hasSize(3).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo("denied");
            assertThat(e.owner()).isEmpty();
        });
    }

    @Test
    void wellFormedOtherOrganizationIsAuditedWithIt() {
        assertThatThrownBy(() -> world.guard.authorize(admin, "organization", Optional.of("org_b"), Action.READ_PLAN))
                .isInstanceOf(AccessDenied.class);
        assertThat(world.audit.entries).singleElement().satisfies(e -> assertThat(e.owner()).contains("organization:org_b"));
    }
}

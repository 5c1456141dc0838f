package io.billingbridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.appkey.AppKeyScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppKeyAuthFeatureTest {

    @Path("/v1/usage/")
    static final class Usage {
        @GET
        @RequiresAppKey(AppKeyScope.USAGE_WRITE)
        public void report() {
        }

        @GET
        @RequiresAppKey({AppKeyScope.USAGE_WRITE, AppKeyScope.BILLING_READ})
        public void any() {
        }

        @GET
        public void unmarked() {
        }

        @GET
        @RequiresSession
        @RequiresAppKey(AppKeyScope.USAGE_WRITE)
        public void alsoSession() {
        }

        @GET
        @RequiresAppKey({})
        public void noScope() {
        }
    }

    @Path("v1/usage/events")
    @RequiresAdmin
    static final class AdminUnderUsage {
        @GET
        @RequiresAppKey(AppKeyScope.USAGE_WRITE)
        public void list() {
        }
    }

    @Path("/v1/billing")
    static final class Billing {
        @GET
        @RequiresSession
        public void read() {
        }

        @GET
        @RequiresAppKey(AppKeyScope.BILLING_READ)
        public void byKey() {
        }
    }

    @Path("/v1/usagex")
    static final class LooksAlike {
        @GET
        public void read() {
        }
    }

    @Path("/v1")
    static final class Wide {
        @GET
        @Path("usage/sneaky")
        public void sneaky() {
        }
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        return type.getMethod(name);
    }

    @Test
    void anEndpointUnderThePathAcceptsTheScopesItDeclares() throws Exception {
        assertThat(AppKeyAuthFeature.acceptedScopes(Usage.class, method(Usage.class, "report")))
                .contains(Set.of(AppKeyScope.USAGE_WRITE));
        assertThat(AppKeyAuthFeature.acceptedScopes(Usage.class, method(Usage.class, "any")))
                .contains(Set.of(AppKeyScope.USAGE_WRITE, AppKeyScope.BILLING_READ));
    }

    @Test
    void endpointsElsewhereGetNoAppKeyFilter() throws Exception {
        assertThat(AppKeyAuthFeature.acceptedScopes(Billing.class, method(Billing.class, "read"))).isEmpty();
        assertThat(AppKeyAuthFeature.acceptedScopes(LooksAlike.class, method(LooksAlike.class, "read")))
                .as("a path that only starts with the same letters").isEqualTo(Optional.empty());
    }

    @Test
    void everyMixOfCredentialsAndPathsIsRefusedAtStartup() {
        assertThatThrownBy(() -> AppKeyAuthFeature.acceptedScopes(Usage.class, method(Usage.class, "unmarked")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no @RequiresAppKey");
        assertThatThrownBy(() -> AppKeyAuthFeature.acceptedScopes(Usage.class, method(Usage.class, "alsoSession")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("also asks for a session or admin");
        assertThatThrownBy(() -> AppKeyAuthFeature.acceptedScopes(AdminUnderUsage.class,
                method(AdminUnderUsage.class, "list")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("also asks for a session or admin");
        assertThatThrownBy(() -> AppKeyAuthFeature.acceptedScopes(Usage.class, method(Usage.class, "noScope")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("accepts no scope");
        assertThatThrownBy(() -> AppKeyAuthFeature.acceptedScopes(Wide.class, method(Wide.class, "sneaky")))
                .as("under the path by the method's own @Path").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no @RequiresAppKey");
        assertThatThrownBy(() -> AppKeyAuthFeature.acceptedScopes(Billing.class, method(Billing.class, "byKey")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not under /v1/usage");
    }

    @Test
    void theShippedResourcesMixNoCredentials() throws Exception {
        for (Class<?> resource : new Class<?>[] {UsageResource.class, BillingResource.class, AdminResource.class,
            WebhookResource.class}) {
            for (Method m : resource.getDeclaredMethods()) {
                if (m.isAnnotationPresent(GET.class) || m.isAnnotationPresent(jakarta.ws.rs.POST.class)
                        || m.isAnnotationPresent(jakarta.ws.rs.DELETE.class)) {
                    boolean appKey = AppKeyAuthFeature.acceptedScopes(resource, m).isPresent();
                    assertThat(appKey).as(resource.getSimpleName() + "#" + m.getName())
                            .isEqualTo(resource == UsageResource.class);
                }
            }
        }
        assertThat(AppKeyAuthFeature.acceptedScopes(UsageResource.class, UsageResource.class.getMethod("key",
                jakarta.ws.rs.container.ContainerRequestContext.class)))
                .contains(Set.of(AppKeyScope.USAGE_WRITE, AppKeyScope.BILLING_READ));
    }
}

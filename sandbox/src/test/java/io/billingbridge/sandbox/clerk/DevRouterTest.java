package io.billingbridge.sandbox.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matching a method and a path against templates, as the dev instance's areas do. */
class DevRouterTest {
    private final DevRouter router = new DevRouter();
    private final DevRouter.Handler users = request -> DevResponse.empty(200);
    private final DevRouter.Handler user = request -> DevResponse.empty(201);
    private final DevRouter.Handler anything = request -> DevResponse.empty(202);

    DevRouterTest() {
        router.add("GET", "/v1/users", users);
        router.add("GET", "/v1/users/{id}", user);
        router.add(DevRouter.ANY_METHOD, "/_sandbox/sign-in", anything);
    }

    @Test
    void aTemplateCapturesItsParameters() {
        DevRouter.Match match = router.match("GET", "/v1/users/user_alice").orElseThrow();
        assertThat(match.handler()).isSameAs(user);
        assertThat(match.pathParams()).isEqualTo(Map.of("id", "user_alice"));
        assertThat(router.match("GET", "/v1/users").orElseThrow().handler()).isSameAs(users);
    }

    @Test
    void theMethodMustMatchUnlessTheRouteTakesAny() {
        assertThat(router.match("DELETE", "/v1/users/user_alice")).isEmpty();
        assertThat(router.match("POST", "/v1/users")).isEmpty();
        assertThat(router.match("GET", "/_sandbox/sign-in").orElseThrow().handler()).isSameAs(anything);
        assertThat(router.match("PATCH", "/_sandbox/sign-in").orElseThrow().handler()).isSameAs(anything);
    }

    @Test
    void segmentCountsAndLiteralsMustMatchButATrailingSlashIsIgnored() {
        assertThat(router.match("GET", "/v1/users/user_alice/metadata")).isEmpty();
        assertThat(router.match("GET", "/v1/organizations")).isEmpty();
        assertThat(router.match("GET", "/v2/users")).isEmpty();
        assertThat(router.match("POST", "/_sandbox/sign-in/extra")).isEmpty();
        assertThat(router.match("GET", "/v1/users/").orElseThrow().handler()).isSameAs(users);
        assertThat(router.match("GET", "/v1/users/user_bob/").orElseThrow().pathParams())
                .containsEntry("id", "user_bob");
    }

    @Test
    void theRootIsAPathOfItsOwn() {
        DevRouter root = new DevRouter();
        root.add("GET", "/", users);
        assertThat(root.match("GET", "/")).isPresent();
        assertThat(root.match("GET", "/sign-in")).isEmpty();
    }

    @Test
    void aTemplateMustBeAnAbsolutePath() {
        assertThatThrownBy(() -> router.add("GET", "v1/users", users)).isInstanceOf(IllegalArgumentException.class);
    }
}

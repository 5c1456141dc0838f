package io.billingbridge.http.api;

import io.billingbridge.core.admin.AdminScope;
import io.billingbridge.core.admin.CallerDescription;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Who the admin token belongs to and what it may do, and which Stripe the server works with: the console's check.
 *
 * @param stripeDashboardUrl where the server's Stripe customers are shown: {@code <url>/customers/<id>}
 */
public record AdminMe(String name,
        @ArraySchema(schema = @Schema(allowableValues = {"read", "write"})) List<String> scopes,
        @Schema(allowableValues = {"test", "live"}) String stripeMode, String stripeDashboardUrl) {
    public AdminMe {
        Objects.requireNonNull(name, "name");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(stripeMode, "stripeMode");
        Objects.requireNonNull(stripeDashboardUrl, "stripeDashboardUrl");
    }

    public static AdminMe of(CallerDescription caller) {
        return new AdminMe(caller.admin().name(), Arrays.stream(AdminScope.values()).filter(caller.admin()::may)
                .map(AdminScope::wireName).toList(), caller.stripeMode().wireName(),
                caller.stripeMode().dashboardUrl());
    }
}

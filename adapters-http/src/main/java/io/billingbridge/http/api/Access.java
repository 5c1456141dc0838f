package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.billingbridge.core.snapshot.AccessState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the owner has access now and by which plan: gate features on {@code state}, offer {@code action}.
 *
 * @param plan the plan's name (the subscription's product, or the configured default plan)
 * @param graceEndsAt while {@code grace}: when access ends unless the payment is fixed
 * @param action what would keep or restore access
 */
public record Access(
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> plan,
        @Schema(allowableValues = {"active", "trialing", "grace", "locked", "none"}) String state,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) @JsonFormat(shape = JsonFormat.Shape.STRING)
        Optional<Instant> graceEndsAt,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<AccessAction> action) {
    public Access {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(graceEndsAt, "graceEndsAt");
        Objects.requireNonNull(action, "action");
    }

    public static Access of(AccessState a) {
        return new Access(a.plan(), a.state().wireName(), a.graceEndsAt(), a.action().map(AccessAction::of));
    }

    /**
     * What to offer: {@code update_payment_method} (open the portal with flow {@code payment_method_update}) or
     * {@code pay_invoice} (send the browser to {@code url}, the open invoice's page).
     *
     * @param url only for callers who may read billing details
     */
    public record AccessAction(
            @Schema(allowableValues = {"update_payment_method", "pay_invoice"}) String type,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<URI> url) {
        public AccessAction {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(url, "url");
        }

        static AccessAction of(AccessState.Action action) {
            return new AccessAction(action.type().wireName(), action.url());
        }
    }
}

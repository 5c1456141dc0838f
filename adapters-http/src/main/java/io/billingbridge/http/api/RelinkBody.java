package io.billingbridge.http.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /admin/v1/accounts/{ownerType}/{ownerId}/relink}.
 *
 * @param customer the Stripe customer to link the owner to; its metadata must name the owner
 */
public record RelinkBody(
        @Schema(description = "The Stripe customer id (cus_...); its metadata must name this owner.",
                requiredMode = Schema.RequiredMode.REQUIRED, example = "cus_NffrFeUfNV2Hib") String customer) {
}

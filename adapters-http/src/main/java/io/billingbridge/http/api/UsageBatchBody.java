package io.billingbridge.http.api;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A batch of 1 to 100 usage events, stored all or none. */
@Schema(description = "A batch of usage events.")
public record UsageBatchBody(
        @ArraySchema(minItems = 1, maxItems = 100, schema = @Schema(implementation = UsageEventBody.class))
        List<UsageEventBody> events) {
    public UsageBatchBody {
        events = List.copyOf(events);
    }
}

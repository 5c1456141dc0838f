package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.billingbridge.core.snapshot.PauseCollectionView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Paused payment collection of a subscription: what happens to its invoices, and when collection resumes. */
public record PauseCollection(
        @Schema(allowableValues = {"keep_as_draft", "mark_uncollectible", "void"}) String behavior,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) @JsonFormat(shape = JsonFormat.Shape.STRING)
        Optional<Instant> resumesAt) {
    public PauseCollection {
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(resumesAt, "resumesAt");
    }

    public static PauseCollection of(PauseCollectionView p) {
        return new PauseCollection(p.behavior(), p.resumesAt());
    }
}

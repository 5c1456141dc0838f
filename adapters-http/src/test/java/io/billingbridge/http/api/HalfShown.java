package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A response record whose JSON leaves one component out, which the document must refuse to describe. */
public record HalfShown(String shown, @JsonIgnore String hidden) {
}

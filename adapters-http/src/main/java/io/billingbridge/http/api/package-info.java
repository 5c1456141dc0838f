/**
 * Every JSON document the HTTP API answers with, one record per shape, serialised by Jackson.
 *
 * <p>The records are the contract: the OpenAPI document is generated from them, and their rules carry over to it.
 * A component that is not an {@link java.util.Optional} is never null and always present. An {@code Optional}
 * component is always present and {@code null} when empty, unless it is marked
 * {@code @JsonInclude(NON_ABSENT)}: then it is left out when empty, and never {@code null}. Every record is closed:
 * it has exactly the fields it declares. Each has a factory from the core value it shows, so no internal field
 * leaks by accident.
 */
package io.billingbridge.http.api;

package io.billingbridge.db;

import org.jdbi.v3.core.mapper.Nested;

/**
 * An account of a tier page made from the tier's collected matches, with how many were collected.
 *
 * @param matches the matches collected, up to the cap the query was given
 */
public record CollectedAccountRow(@Nested AccountSearchRow account, int matches) {
}

package io.billingbridge.core.admin;

import io.billingbridge.core.owner.Owner;
import java.util.List;
import java.util.Optional;

/** Finds billing accounts by owner id, customer id, profile email or profile name, one match tier at a time. */
public interface AccountSearch {

    /**
     * The accounts whose best tier for the term is {@code tier}, in owner type then owner id order, each with
     * {@code match} set to that tier.
     *
     * @param tier one of {@link SearchTerm#tiers()}
     * @param after only accounts after this owner; empty from the start of the tier
     * @param limit at most this many
     */
    List<AccountHit> find(SearchTerm term, MatchTier tier, Optional<Owner> after, int limit);
}

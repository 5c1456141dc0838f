package io.billingbridge.core.identity;

import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads users, organizations and memberships from the identity provider, and publishes billing state to it.
 *
 * <p>Failures of the provider surface as {@link io.billingbridge.core.error.ProviderUnavailable}.
 */
public interface IdentityDirectory {

    /** The user, or empty when the provider does not know it. */
    Optional<UserProfile> findUser(UserId id);

    /** The organization (with its member count), or empty when the provider does not know it. */
    Optional<OrganizationProfile> findOrganization(OrganizationId id);

    /** Every membership of the organization, all pages read. */
    List<Membership> memberships(OrganizationId id);

    /** One page of users, oldest first, for backfills. */
    List<UserProfile> users(int offset, int limit);

    /** One page of organizations, oldest first, for backfills. */
    List<OrganizationProfile> organizations(int offset, int limit);

    /** How many users the provider has, for the progress of a backfill. */
    long userCount();

    /** How many organizations the provider has, for the progress of a backfill. */
    long organizationCount();

    /** Deep-merges these keys into the owner's public metadata; a {@code null} value deletes its key. */
    void mergePublicMetadata(Owner owner, Map<String, Object> metadata);
}

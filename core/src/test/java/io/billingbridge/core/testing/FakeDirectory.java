package io.billingbridge.core.testing;

import io.billingbridge.core.identity.IdentityDirectory;
import io.billingbridge.core.identity.Membership;
import io.billingbridge.core.identity.OrganizationProfile;
import io.billingbridge.core.identity.UserProfile;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An identity directory in memory. */
public final class FakeDirectory implements IdentityDirectory {
    public final Map<UserId, UserProfile> users = new ConcurrentHashMap<>();
    public final Map<OrganizationId, OrganizationProfile> organizations = new ConcurrentHashMap<>();
    /** When set, listing organizations fails as an outage of the identity provider does. */
    public volatile boolean organizationsDown;
    public final List<Membership> memberships = new CopyOnWriteArrayList<>();
    public final List<Map.Entry<Owner, Map<String, Object>>> published = new CopyOnWriteArrayList<>();

    public FakeDirectory user(String id, String first, String email) {
        users.put(new UserId(id), new UserProfile(new UserId(id), Optional.of(first), Optional.empty(),
                Optional.ofNullable(email), Map.of()));
        return this;
    }

    public FakeDirectory organization(String id, String name, String... adminThenMembers) {
        OrganizationId org = new OrganizationId(id);
        organizations.put(org, new OrganizationProfile(org, name, Optional.of(name.toLowerCase()),
                Optional.of(adminThenMembers.length), Map.of()));
        for (int i = 0; i < adminThenMembers.length; i++) {
            memberships.add(new Membership(org, new UserId(adminThenMembers[i]), i == 0 ? "org:admin" : "org:member",
                    java.util.Set.of()));
        }
        return this;
    }

    @Override
    public Optional<UserProfile> findUser(UserId id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public Optional<OrganizationProfile> findOrganization(OrganizationId id) {
        return Optional.ofNullable(organizations.get(id));
    }

    @Override
    public List<Membership> memberships(OrganizationId id) {
        return memberships.stream().filter(m -> m.organizationId().equals(id)).toList();
    }

    @Override
    public List<UserProfile> users(int offset, int limit) {
        List<UserProfile> all = new ArrayList<>(users.values());
        all.sort(java.util.Comparator.comparing(u -> u.id().value()));
        return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
    }

    @Override
    public List<OrganizationProfile> organizations(int offset, int limit) {
        if (organizationsDown) {
            throw new io.billingbridge.core.error.ProviderUnavailable("clerk", null, java.time.Duration.ofSeconds(1),
                    null);
        }
        List<OrganizationProfile> all = new ArrayList<>(organizations.values());
        all.sort(java.util.Comparator.comparing(o -> o.id().value()));
        return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
    }

    @Override
    public long userCount() {
        return users.size();
    }

    @Override
    public long organizationCount() {
        return organizations.size();
    }

    @Override
    public void mergePublicMetadata(Owner owner, Map<String, Object> metadata) {
        published.add(Map.entry(owner, metadata));
    }
}

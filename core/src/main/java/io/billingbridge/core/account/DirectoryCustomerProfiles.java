package io.billingbridge.core.account;

import io.billingbridge.core.access.AccessRules;
import io.billingbridge.core.error.OwnerNotFound;
import io.billingbridge.core.identity.IdentityDirectory;
import io.billingbridge.core.identity.Membership;
import io.billingbridge.core.identity.OrganizationProfile;
import io.billingbridge.core.identity.UserProfile;
import io.billingbridge.core.owner.Owner;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The default profile: a user's full name and primary email; an organization's name and, by policy, an email. */
public final class DirectoryCustomerProfiles implements CustomerProfiles {
    private final IdentityDirectory directory;
    private final OrganizationEmail organizationEmail;

    public DirectoryCustomerProfiles(IdentityDirectory directory, OrganizationEmail organizationEmail) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.organizationEmail = Objects.requireNonNull(organizationEmail, "organizationEmail");
    }

    @Override
    public CustomerProfile profileOf(Owner owner) {
        if (owner instanceof Owner.User user) {
            UserProfile profile = directory.findUser(user.userId())
                    .orElseThrow(() -> new OwnerNotFound("the user does not exist"));
            return new CustomerProfile(profile.fullName(), profile.primaryEmail(), Map.of());
        }
        Owner.Organization org = (Owner.Organization) owner;
        OrganizationProfile profile = directory.findOrganization(org.organizationId())
                .orElseThrow(() -> new OwnerNotFound("the organization does not exist"));
        Optional<String> email = organizationEmail == OrganizationEmail.FIRST_ADMIN
                ? firstAdminEmail(org)
                : Optional.empty();
        return new CustomerProfile(Optional.of(profile.name()), email,
                profile.slug().map(slug -> Map.of("clerk_organization_slug", slug)).orElse(Map.of()));
    }

    private Optional<String> firstAdminEmail(Owner.Organization org) {
        return directory.memberships(org.organizationId()).stream()
                .filter(m -> AccessRules.ORG_ADMIN.equals(m.role()))
                .map(Membership::userId)
                .findFirst()
                .flatMap(directory::findUser)
                .flatMap(UserProfile::primaryEmail);
    }
}

package io.billingbridge.server.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;

/**
 * The oracle of {@link SecurityMatrixSystemTest}: the answer the access policy and the documented validation give a
 * request, computed from what the request names rather than listed per request.
 *
 * <p>It restates the rules independently of the production code: owner selection (a user is the caller, an
 * organization only the session's active one), the access table (any member reads the plan, only admins read
 * details and manage billing), the order of the checks (route, token, owner, grant, then fields) and which refusals
 * are audited; a lifecycle request's subscription must be the selected owner's (any other id is an audited 404).
 */
final class PolicyOracle {
    private PolicyOracle() {
    }

    /** Who a session token says the caller is: a user, maybe acting for an active organization with a role. */
    record Identity(String name, String userId, Optional<String> organization, String role) {
        boolean isAdminOfActive() {
            return organization.isPresent() && role.equals("admin");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * What the oracle says a request must get.
     *
     * @param code the error code, or null when any code will do
     * @param actsFor the owner a success acts for ({@code user:...} or {@code organization:...})
     * @param details whether a billing read may show invoices and payment methods
     * @param denials audit rows with outcome {@code denied} the request must write
     * @param checkout whether it starts a Checkout Session (and an allowed audit row)
     * @param portal whether it opens a portal session (an allowed audit row)
     */
    record Expected(int status, String code, Optional<String> actsFor, boolean details, int denials,
            boolean checkout, boolean portal) {
        static Expected refused(int status, String code) {
            return new Expected(status, code, Optional.empty(), false, 0, false, false);
        }

        static Expected denied(int status, String code) {
            return new Expected(status, code, Optional.empty(), false, 1, false, false);
        }

        static Expected ok(int status) {
            return new Expected(status, null, Optional.empty(), false, 0, false, false);
        }

        boolean success() {
            return status < 400;
        }
    }

    /** Billing endpoints as the oracle understands a request to them. */
    sealed interface Ask {
        /** {@code GET /prices}: the owner type the server reads (the first query value). */
        record Prices(String owner) implements Ask {
        }

        /** {@code GET /customer}: owner type and organization as read (first query values). */
        record Read(String owner, Optional<String> organizationId) implements Ask {
        }

        /**
         * {@code POST /checkout-sessions} or {@code /portal-sessions}: owner type and organization as read (the last
         * JSON key), a body that does not parse into the expected shape, and the field the use case refuses after
         * the access check.
         */
        record Start(boolean checkout, String owner, Optional<String> organizationId, boolean invalidJson,
                Optional<String> fieldProblem) implements Ask {
        }

        /** {@code POST /checkout-sessions/{id}/sync}: whose session the id is, if any. */
        record Sync(Optional<String> sessionOwner) implements Ask {
        }

        /**
         * A lifecycle request ({@code change-preview}, {@code change}, {@code DELETE scheduled-change}, {@code cancel},
         * {@code resume}) naming a subscription: owner type and organization as read, whose subscription the id is
         * (if anyone's), and the answer once the subscription is found (the matrix sends requests that change
         * nothing: the current price, a withdrawal when nothing is scheduled, a resume with nothing to resume, a
         * cancel with a bad {@code at}).
         */
        record Lifecycle(String owner, Optional<String> organizationId, Optional<String> subscriptionOwner,
                int foundStatus, String foundCode) implements Ask {
        }

        /** A path no resource serves, or one the HTTP layer refuses before routing (an empty or NUL segment). */
        record NoRoute(int status, String code) implements Ask {
            static NoRoute of(Expected expected) {
                return new NoRoute(expected.status(), expected.code());
            }

            static NoRoute unknown() {
                return new NoRoute(404, "not_found");
            }
        }
    }

    /**
     * The answer the access policy and the documented validation give a billing request: route, then the token
     * (header, else cookie; a cookie-authenticated POST must be JSON), then the owner the request selects, the
     * policy's grant for the action, and only then the fields the use case checks.
     */
    static Expected billingOracle(Ask ask, Optional<Identity> caller, boolean cookieWithoutJson) {
        if (ask instanceof Ask.NoRoute none) {
            return Expected.refused(none.status(), none.code());
        }
        if (caller.isEmpty()) {
            return Expected.refused(401, null);
        }
        if (cookieWithoutJson) {
            return Expected.refused(415, "unsupported_media_type");
        }
        Identity who = caller.get();
        if (ask instanceof Ask.Prices prices) {
            return isOwnerType(prices.owner()) ? Expected.ok(200) : Expected.refused(400, "invalid_owner");
        }
        if (ask instanceof Ask.Read read) {
            Selection selected = select(who, read.owner(), read.organizationId());
            if (selected.refusal().isPresent()) {
                return selected.refusal().get();
            }
            if (!permits(who, Action.READ_PLAN, selected.owner())) {
                return Expected.denied(403, "access_denied");
            }
            return new Expected(200, null, Optional.of(selected.owner()), permits(who, Action.DETAILS,
                    selected.owner()), 0, false, false);
        }
        if (ask instanceof Ask.Start start) {
            if (start.invalidJson()) {
                return Expected.refused(400, "invalid_json");
            }
            Selection selected = select(who, start.owner(), start.organizationId());
            if (selected.refusal().isPresent()) {
                return selected.refusal().get();
            }
            if (!permits(who, Action.MANAGE, selected.owner())) {
                return Expected.denied(403, "access_denied");
            }
            if (start.fieldProblem().isPresent()) {
                return Expected.refused(400, start.fieldProblem().get());
            }
            return new Expected(201, null, Optional.of(selected.owner()), false, 0, start.checkout(),
                    !start.checkout());
        }
        if (ask instanceof Ask.Lifecycle lifecycle) {
            Selection selected = select(who, lifecycle.owner(), lifecycle.organizationId());
            if (selected.refusal().isPresent()) {
                return selected.refusal().get();
            }
            if (!permits(who, Action.MANAGE, selected.owner())) {
                return Expected.denied(403, "access_denied");
            }
            if (!lifecycle.subscriptionOwner().equals(Optional.of(selected.owner()))) {
                return Expected.denied(404, "subscription_not_found");
            }
            return Expected.refused(lifecycle.foundStatus(), lifecycle.foundCode());
        }
        Ask.Sync sync = (Ask.Sync) ask;
        if (sync.sessionOwner().isEmpty()) {
            return Expected.refused(404, "not_found");
        }
        String owner = sync.sessionOwner().get();
        if (!permits(who, Action.READ_PLAN, owner)) {
            return Expected.denied(404, "not_found");
        }
        return new Expected(200, null, Optional.of(owner), permits(who, Action.DETAILS, owner), 0, false, false);
    }

    /** The owner a request selects, or the refusal of the selection. */
    record Selection(String owner, Optional<Expected> refusal) {
    }

    /** The owner selection rule: a user is the caller; an organization only the session's active one. */
    static Selection select(Identity who, String ownerType, Optional<String> organizationId) {
        if (!isOwnerType(ownerType)) {
            return new Selection(null, Optional.of(Expected.refused(400, "invalid_owner")));
        }
        if (ownerType.equals("user")) {
            return organizationId.isPresent()
                    ? new Selection(null, Optional.of(Expected.refused(400, "invalid_owner")))
                    : new Selection("user:" + who.userId(), Optional.empty());
        }
        if (who.organization().isEmpty()) {
            return new Selection(null, Optional.of(Expected.denied(403, "no_active_organization")));
        }
        if (organizationId.isPresent() && !organizationId.equals(who.organization())) {
            return new Selection(null, Optional.of(Expected.denied(403, "not_active_organization")));
        }
        return new Selection("organization:" + who.organization().get(), Optional.empty());
    }

    static boolean isOwnerType(String owner) {
        return "user".equals(owner) || "organization".equals(owner);
    }

    /** The access table: what an organization's members may do; a user may do everything for themself. */
    enum Action {
        READ_PLAN, DETAILS, MANAGE
    }

    static boolean permits(Identity who, Action action, String owner) {
        if (owner.startsWith("user:")) {
            return owner.equals("user:" + who.userId());
        }
        boolean member = who.organization().map(org -> owner.equals("organization:" + org)).orElse(false);
        return member && (action == Action.READ_PLAN || who.isAdminOfActive());
    }

    /**
     * The return-address rule: a URL is required, must parse, and must be absolute http(s) on the application's
     * origin without credentials; the code of its refusal, or null when it is allowed.
     */
    static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "parameter_missing";
        }
        URI uri;
        try {
            uri = new URI(url.replace("{CHECKOUT_SESSION_ID}", "%7BCHECKOUT_SESSION_ID%7D"));
        } catch (URISyntaxException e) {
            return "invalid_url";
        }
        URI origin = URI.create(SystemUnderTest.ORIGIN);
        boolean allowed = uri.isAbsolute() && uri.getRawUserInfo() == null && uri.getHost() != null
                && uri.getScheme().equalsIgnoreCase(origin.getScheme()) && uri.getHost().equalsIgnoreCase(origin.getHost())
                && (uri.getPort() == -1 || uri.getPort() == 80);
        return allowed ? null : "url_not_allowed";
    }

    /**
     * How the HTTP layer answers a path segment before any resource sees it: an empty segment inside the path
     * ({@code //}) or a NUL is refused with 400 {@code bad_request}; an empty last segment matches no route.
     */
    static Optional<Expected> pathSegmentRule(String segment, boolean last) {
        if (segment.isEmpty()) {
            return Optional.of(last ? Expected.refused(404, "not_found") : Expected.refused(400, "bad_request"));
        }
        if (segment.indexOf(0) >= 0) {
            return Optional.of(Expected.refused(400, "bad_request"));
        }
        return Optional.empty();
    }

    /**
     * The answer of an admin request naming an owner: a malformed owner is 400, one without an account 404, else the
     * action's own answer.
     *
     * @param withAccount the owners that have a billing account, as {@code user:...} or {@code organization:...}
     */
    static Expected ownerRule(String ownerType, String ownerId, Set<String> withAccount, Expected known) {
        if (!isOwnerType(ownerType) || ownerId.length() > 128 || !ownerId.matches("[A-Za-z0-9_\\-]+")) {
            return Expected.refused(400, "invalid_owner");
        }
        boolean hasAccount = withAccount.contains(ownerType + ":" + ownerId);
        return hasAccount ? known : Expected.refused(404, "account_not_found");
    }

    /** A limit is a whole number from 1 to the maximum, or absent. */
    static Expected limitRule(Optional<String> limit, int max) {
        if (limit.isEmpty()) {
            return Expected.ok(200);
        }
        boolean whole = limit.get().matches("[0-9]{1,9}");
        return whole && Integer.parseInt(limit.get()) >= 1 && Integer.parseInt(limit.get()) <= max ? Expected.ok(200)
                : Expected.refused(400, "invalid_limit");
    }
}

package io.billingbridge.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.admin.AdminAction;
import io.billingbridge.core.admin.AdminScope;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The action names stored in the audit log: renaming an enum constant must not change what existing rows mean. */
class AuditVocabularyTest {

    @Test
    void sessionActionsKeepTheirStoredNames() {
        assertThat(Arrays.stream(Action.values()).collect(Collectors.toMap(a -> a, Action::wireName))).isEqualTo(Map.of(
                Action.READ_PLAN, "customer.read",
                Action.READ_BILLING_DETAILS, "billing_details.read",
                Action.START_CHECKOUT, "checkout.create",
                Action.OPEN_PORTAL, "portal.create",
                Action.CHANGE_SUBSCRIPTION, "subscription.change",
                Action.CANCEL_SUBSCRIPTION, "subscription.cancel"));
    }

    @Test
    void adminActionsKeepTheirStoredNames() {
        assertThat(Arrays.stream(AdminAction.values()).collect(Collectors.toMap(a -> a, AdminAction::wireName)))
                .isEqualTo(Map.ofEntries(
                        Map.entry(AdminAction.AUTHENTICATE, "admin.authenticate"),
                        Map.entry(AdminAction.READ_ACCOUNT, "admin.account.read"),
                        Map.entry(AdminAction.SYNC_ACCOUNT, "admin.account.sync"),
                        Map.entry(AdminAction.RELINK_ACCOUNT, "admin.account.relink"),
                        Map.entry(AdminAction.READ_AUDIT_LOG, "admin.audit.read"),
                        Map.entry(AdminAction.LIST_WEBHOOK_EVENTS, "admin.webhook_events.list"),
                        Map.entry(AdminAction.RETRY_WEBHOOK_EVENT, "admin.webhook_events.retry"),
                        Map.entry(AdminAction.READ_ME, "admin.me.read"),
                        Map.entry(AdminAction.READ_OVERVIEW, "admin.overview.read"),
                        Map.entry(AdminAction.READ_OWNER_EVENTS, "admin.account.events.read"),
                        Map.entry(AdminAction.READ_OWNER_AUDIT, "admin.account.audit.read"),
                        Map.entry(AdminAction.PUSH_PROFILE, "admin.account.push_profile"),
                        Map.entry(AdminAction.SEARCH_ACCOUNTS, "admin.accounts.search"),
                        Map.entry(AdminAction.LIST_APP_EVENTS, "admin.app_events.list"),
                        Map.entry(AdminAction.RETRY_APP_EVENT, "admin.app_events.retry")));
    }

    @Test
    void exactlyTheActionsThatChangeSomethingNeedTheWriteScope() {
        assertThat(Arrays.stream(AdminAction.values()).filter(a -> a.scope() == AdminScope.WRITE))
                .containsExactlyInAnyOrder(AdminAction.SYNC_ACCOUNT, AdminAction.RELINK_ACCOUNT,
                        AdminAction.RETRY_WEBHOOK_EVENT, AdminAction.PUSH_PROFILE, AdminAction.RETRY_APP_EVENT);
    }

    @Test
    void noTwoActionsShareAStoredName() {
        long distinct = Stream.concat(Arrays.stream(Action.values()).map(Action::wireName),
                Arrays.stream(AdminAction.values()).map(AdminAction::wireName)).distinct().count();
        assertThat(distinct).isEqualTo(Action.values().length + AdminAction.values().length);
    }

    @Test
    void outcomesKeepTheirStoredNames() {
        assertThat(Arrays.stream(AuditOutcome.values()).map(AuditOutcome::wireName))
                .containsExactly("allowed", "denied", "failed");
    }
}

package io.billingbridge.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.SyncState;
import io.billingbridge.core.admin.AccountHit;
import io.billingbridge.core.admin.AccountSearchPage;
import io.billingbridge.core.admin.MaskedEmail;
import io.billingbridge.core.admin.MatchTier;
import io.billingbridge.core.admin.PlanLine;
import io.billingbridge.core.owner.Owner;
import io.dropwizard.jackson.Jackson;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The search page serialises to exactly the JSON of the admin contract, nulls written out. */
class AccountSearchRecordsTest {
    private static final ObjectMapper MAPPER = Jackson.newObjectMapper();

    private static JsonNode json(Object value) throws Exception {
        return MAPPER.readTree(MAPPER.writeValueAsString(value));
    }

    private static JsonNode parse(String json) throws Exception {
        return MAPPER.readTree(json.replace('\'', '"'));
    }

    @Test
    void aPageHasTheContractShape() throws Exception {
        AccountHit alice = new AccountHit(Owner.user("user_alice"), Optional.of(new CustomerId("cus_123")),
                Optional.of("Alice Example"), MaskedEmail.of("alice@example.com"), List.of(new PlanLine("Pro",
                "active")), SyncState.ACTIVE, Optional.of(Instant.parse("2026-11-28T20:10:00Z")), false,
                MatchTier.EXACT);
        AccountHit pending = new AccountHit(Owner.organization("org_new"), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), SyncState.PENDING, Optional.empty(), false, MatchTier.CONTAINS);

        assertThat(json(AccountSearchResult.of(new AccountSearchPage(List.of(alice, pending), Optional.of("abc")))))
                .isEqualTo(parse("""
                {'object': 'list', 'data': [
                  {'owner': {'type': 'user', 'id': 'user_alice'}, 'customer': 'cus_123', 'name': 'Alice Example',
                   'email': 'a***@example.com', 'plan': [{'product': 'Pro', 'status': 'active'}],
                   'syncState': 'active', 'lastSyncedAt': '2026-11-28T20:10:00Z', 'snapshotOutOfDate': false,
                   'match': 'exact'},
                  {'owner': {'type': 'organization', 'id': 'org_new'}, 'customer': null, 'name': null,
                   'email': null, 'plan': [], 'syncState': 'pending', 'lastSyncedAt': null,
                   'snapshotOutOfDate': false, 'match': 'contains'}],
                 'hasMore': true, 'nextCursor': 'abc'}
                """));
        assertThat(json(AccountSearchResult.of(new AccountSearchPage(List.of(), Optional.empty()))))
                .isEqualTo(parse("{'object': 'list', 'data': [], 'hasMore': false, 'nextCursor': null}"));
    }

    @Test
    void hasMoreAndTheCursorCannotDisagree() {
        assertThatThrownBy(() -> new AccountSearchResult("list", List.of(), true, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

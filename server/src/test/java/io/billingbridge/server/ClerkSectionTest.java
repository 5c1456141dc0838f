package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** clerk.authorizedParties: a list or comma-separated text, and required unless explicitly waived. */
class ClerkSectionTest {

    @Test
    void authorizedPartiesAreReadFromAYamlList() throws Exception {
        ClerkSection clerk = ConfigurationFiles.parse(
                "clerk:\n  authorizedParties: [https://app.example.com, ' https://www.example.com ']\n").getClerk();

        assertThat(clerk.getAuthorizedParties()).containsExactly("https://app.example.com", "https://www.example.com");
    }

    @Test
    void authorizedPartiesAreReadFromCommaSeparatedTextAsTheEnvironmentGivesThem() throws Exception {
        ClerkSection clerk = ConfigurationFiles.parse(
                "clerk:\n  authorizedParties: \"https://app.example.com, https://www.example.com,\"\n").getClerk();

        assertThat(clerk.getAuthorizedParties()).containsExactly("https://app.example.com", "https://www.example.com");
    }

    @Test
    void noAuthorizedPartiesStopTheServerUnlessAnyIsAllowedExplicitly() throws Exception {
        ClerkSection empty = ConfigurationFiles.parse("clerk:\n  authorizedParties: \"\"\n").getClerk();
        assertThat(empty.getAuthorizedParties()).isEmpty();
        assertThatThrownBy(empty::requireAuthorizedParties).isInstanceOf(StartupProblem.class)
                .hasMessageContaining("CLERK_AUTHORIZED_PARTIES");

        ClerkSection waived = ConfigurationFiles.parse("clerk:\n  allowAnyAuthorizedParty: true\n").getClerk();
        waived.requireAuthorizedParties();

        ClerkSection set = new ClerkSection();
        set.setAuthorizedParties(List.of("https://app.example.com"));
        set.requireAuthorizedParties();
    }
}

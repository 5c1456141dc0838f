package io.billingbridge.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaskedEmailTest {

    private static String masked(String email) {
        return MaskedEmail.of(email).map(MaskedEmail::value).orElse(null);
    }

    @Test
    void keepsTheFirstCharacterAndTheDomainOnly() {
        assertThat(masked("alice@example.com")).isEqualTo("a***@example.com");
        assertThat(masked("Bob.Baker+billing@Acme.test")).isEqualTo("B***@Acme.test");
        assertThat(masked("x@y.z")).isEqualTo("x***@y.z");
        assertThat(masked("  carol@example.test ")).isEqualTo("c***@example.test");
    }

    @Test
    void oddAddressesStillRevealNoMoreThanOneCharacterOfTheLocalPart() {
        assertThat(masked("@example.com")).isEqualTo("***@example.com");
        assertThat(masked("\"a@b\"@example.com")).isEqualTo("\"***@example.com");
        assertThat(masked("not-an-address")).isEqualTo("n***");
        assertThat(masked("\uD83D\uDE00smile@example.com")).isEqualTo("\uD83D\uDE00***@example.com");
    }

    @Test
    void noAddressIsNoMaskedEmail() {
        assertThat(MaskedEmail.of(null)).isEmpty();
        assertThat(MaskedEmail.of("")).isEmpty();
        assertThat(MaskedEmail.of("  ")).isEqualTo(Optional.empty());
    }

    @Test
    void aFullAddressCannotPassForAMaskedOne() {
        assertThatThrownBy(() -> new MaskedEmail("alice@example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MaskedEmail("al***@example.com")).isInstanceOf(IllegalArgumentException.class);
    }
}

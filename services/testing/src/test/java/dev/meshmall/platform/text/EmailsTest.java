package dev.meshmall.platform.text;

import java.util.Optional;

import dev.meshmall.platform.error.DomainError;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmailsTest {

    @Test
    void anAddressIsKeptTrimmedAndLowerCased() {
        assertThat(Emails.normalize("email", "  Ada.Lovelace@Example.ORG "), is("ada.lovelace@example.org"));
        assertThat(Emails.parse("Ada@Example.org"), is(Optional.of("ada@example.org")));
    }

    @Test
    void implausibleAddressesAreRefusedNamingTheField() {
        for (String bad : new String[] {"ada", "@example.org", "ada@@example.org", "ada@example", "ada@example.",
                "ada@exa..mple.org", "ada lovelace@example.org", "ada<x>@example.org", "ada@example.org\u0000",
                "a".repeat(250) + "@example.org"}) {
            DomainError refused = assertThrows(DomainError.class, () -> Emails.normalize("contact_email", bad), bad);
            assertThat(refused.detail(), is("contact_email is not a valid email address"));
            assertThat(Emails.parse(bad), is(Optional.empty()));
        }
        assertThat(assertThrows(DomainError.class, () -> Emails.normalize("email", "  ")).detail(),
                is("email is required"));
    }
}

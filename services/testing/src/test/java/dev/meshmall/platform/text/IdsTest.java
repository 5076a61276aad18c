package dev.meshmall.platform.text;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdsTest {
    private static final UUID ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    @Test
    void onlyTheCanonicalFormOfAUuidNamesSomething() {
        assertThat(Ids.parse(" 0F8FAD5B-D9CB-469F-A165-70867728950E "), is(Optional.of(ID)));
        for (String bad : new String[] {"", "42", "0f8fad5b-d9cb-469f-a165-70867728950", "0-0-0-0-0",
                "f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5bd9cb469fa16570867728950e"}) {
            assertThat(bad, Ids.parse(bad), is(Optional.empty()));
        }
    }

    @Test
    void aMalformedIdInAPathIsNotFoundAndInABodyIsInvalid() {
        DomainError missing = assertThrows(DomainError.class, () -> Ids.require("42", "order"));
        assertThat(missing.kind(), is(ErrorKind.NOT_FOUND));

        DomainError invalid = assertThrows(DomainError.class, () -> Ids.field("42", "address_id"));
        assertThat(invalid.kind(), is(ErrorKind.INVALID));
        assertThat(invalid.fields().get("field"), is("address_id"));
    }
}

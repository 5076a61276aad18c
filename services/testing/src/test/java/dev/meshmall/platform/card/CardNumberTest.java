package dev.meshmall.platform.card;

import java.util.List;

import dev.meshmall.platform.error.DomainError;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CardNumberTest {

    @Test
    void aNumberIsLuhnValidDigitsOnceSpacesAndDashesAreGone() {
        assertThat(CardNumber.parse("number", "4242 4242-4242 4242").digits(), is("4242424242424242"));
        for (String bad : List.of("4242424242424241", "42424242424", "42424242424242424242", "4242x24242424242")) {
            DomainError refused = assertThrows(DomainError.class, () -> CardNumber.parse("number", bad));
            assertThat(bad, refused.code(), is("invalid_card_number"));
            assertThat(bad, refused.detail().contains(bad), is(false));
        }
        assertThat(assertThrows(DomainError.class, () -> CardNumber.parse("number", " ")).code(), is("invalid_field"));
    }

    @Test
    void theBrandComesFromTheNumberAndTheNumberNeverFromToString() {
        assertThat(CardNumber.parse("n", "5555555555554444").brand(), is("mastercard"));
        assertThat(CardNumber.parse("n", "378282246310005").brand(), is("amex"));
        assertThat(CardNumber.parse("n", "6011111111111117").brand(), is("discover"));
        assertThat(CardNumber.parse("n", "4242424242424242").toString(), is("CardNumber[visa ending 4242]"));
    }
}

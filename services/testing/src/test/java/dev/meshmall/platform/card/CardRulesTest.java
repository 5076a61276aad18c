package dev.meshmall.platform.card;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.meshmall.platform.error.DomainError;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CardRulesTest {
    /** The last moment of June 2027, UTC. */
    private static final CardRules RULES = new CardRules(Clock.fixed(Instant.parse("2027-06-30T23:59:59Z"),
            ZoneOffset.UTC));

    @Test
    void aCardIsGoodThroughItsExpiryMonth() {
        RULES.checkExpiry("card.", 6, 2027);
        DomainError expired = assertThrows(DomainError.class, () -> RULES.checkExpiry("card.", 5, 2027));
        assertThat(expired.code(), is("card_expired"));
        assertThat(expired.fields().get("field"), is("card.exp_year"));
        assertThat(assertThrows(DomainError.class, () -> RULES.checkExpiry("card.", 13, 2028)).fields().get("field"),
                is("card.exp_month"));
        assertThat(assertThrows(DomainError.class, () -> RULES.checkExpiry("card.", 0, 2028)).fields().get("field"),
                is("card.exp_month"));
        assertThat(assertThrows(DomainError.class, () -> RULES.checkExpiry("card.", 1, 28)).fields().get("field"),
                is("card.exp_year"));
    }

    @Test
    void aCvvIsThreeOrFourDigits() {
        RULES.checkCvv("card.", "123");
        RULES.checkCvv("card.", "1234");
        for (String bad : List.of("", "12", "12345", "12a")) {
            assertThat(bad, assertThrows(DomainError.class, () -> RULES.checkCvv("card.", bad)).fields().get("field"),
                    is("card.cvv"));
        }
    }
}

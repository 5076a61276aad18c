package dev.meshmall.payment;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.meshmall.payment.biz.CardNumber;
import dev.meshmall.payment.biz.CardRules;
import dev.meshmall.payment.biz.Fingerprints;
import dev.meshmall.payment.biz.Outcome;
import dev.meshmall.platform.error.DomainError;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules of the simulated processor and of the vault, without a server. */
class CardRulesTest {
    /** The last moment of June 2027, UTC. */
    private static final CardRules RULES = new CardRules(Clock.fixed(Instant.parse("2027-06-30T23:59:59Z"),
            ZoneOffset.UTC));

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

    @Test
    void theTestNumbersAreDeclinedAndEveryOtherCardApproved() {
        assertThat(Outcome.forNumber(CardNumber.parse("n", "4000000000000002")), is(Outcome.CARD_DECLINED));
        assertThat(Outcome.forNumber(CardNumber.parse("n", "4000000000009995")), is(Outcome.INSUFFICIENT_FUNDS));
        assertThat(Outcome.forNumber(CardNumber.parse("n", "4242424242424242")), is(Outcome.APPROVE));
        assertThat(Outcome.INSUFFICIENT_FUNDS.declineCode(), is("insufficient_funds"));
    }

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

    @Test
    void aFingerprintDependsOnTheUserTheNumberAndTheKey() {
        UUID ada = UUID.randomUUID();
        CardNumber card = CardNumber.parse("n", "4242424242424242");
        Fingerprints fingerprints = new Fingerprints("a key of at least sixteen characters");

        assertThat(fingerprints.of(ada, card), is(fingerprints.of(ada, CardNumber.parse("n", "4242 4242 4242 4242"))));
        assertThat(fingerprints.of(ada, card), not(fingerprints.of(UUID.randomUUID(), card)));
        assertThat(fingerprints.of(ada, card), not(new Fingerprints("another key, sixteen or more").of(ada, card)));
        assertThrows(IllegalStateException.class, () -> new Fingerprints("short"));
    }
}

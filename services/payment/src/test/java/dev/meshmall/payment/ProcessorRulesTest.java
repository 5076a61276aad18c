package dev.meshmall.payment;

import java.util.UUID;

import dev.meshmall.payment.biz.Fingerprints;
import dev.meshmall.payment.biz.Outcome;
import dev.meshmall.platform.card.CardNumber;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules of the simulated processor and of the vault, without a server. */
class ProcessorRulesTest {
    @Test
    void theTestNumbersAreDeclinedAndEveryOtherCardApproved() {
        assertThat(Outcome.forNumber(CardNumber.parse("n", "4000000000000002")), is(Outcome.CARD_DECLINED));
        assertThat(Outcome.forNumber(CardNumber.parse("n", "4000000000009995")), is(Outcome.INSUFFICIENT_FUNDS));
        assertThat(Outcome.forNumber(CardNumber.parse("n", "4242424242424242")), is(Outcome.APPROVE));
        assertThat(Outcome.INSUFFICIENT_FUNDS.declineCode(), is("insufficient_funds"));
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

package dev.meshmall.checkout;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import dev.meshmall.checkout.biz.AddressChoice;
import dev.meshmall.checkout.biz.Card;
import dev.meshmall.checkout.biz.CheckoutRequest;
import dev.meshmall.checkout.biz.CheckoutRules;
import dev.meshmall.checkout.biz.PaymentChoice;
import dev.meshmall.platform.error.DomainError;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checks made before anything is recorded, and the request's fingerprint. */
class CheckoutRulesTest {
    private static final Clock DEC_2026 = Clock.fixed(Instant.parse("2026-12-02T03:00:00Z"), ZoneOffset.UTC);
    private final CheckoutRules rules = new CheckoutRules(DEC_2026);

    @Test
    void aCardIsUsableThroughTheEndOfItsExpiryMonth() {
        assertThat(rules.check(request(card("4242 4242 4242 4242", 12, 2026, "123"))).payment().orElseThrow(),
                is(new PaymentChoice.TypedCard(new Card("4242424242424242", 12, 2026, "123", "Ada"))));
        assertThat(refusal(card("4242424242424242", 11, 2026, "123")), is("card_expired card.exp_year"));
    }

    @Test
    void aCardMustPassLuhnAndHaveAPlausibleExpiryAndCvv() {
        assertThat(refusal(card("4242424242424241", 12, 2030, "123")), is("invalid_card_number card.number"));
        assertThat(refusal(card("42424242", 12, 2030, "123")), is("invalid_card_number card.number"));
        assertThat(refusal(card("4242424242424242", 13, 2030, "123")), is("invalid_field card.exp_month"));
        assertThat(refusal(card("4242424242424242", 12, 99999, "123")), is("invalid_field card.exp_year"));
        assertThat(refusal(card("4242424242424242", 12, 2030, "12")), is("invalid_field card.cvv"));
        assertThat(refusal(card("4242424242424242", 12, 2030, "12a4")), is("invalid_field card.cvv"));
    }

    @Test
    void theFingerprintTellsRequestsApartWithoutHoldingTheCard() {
        CheckoutRequest one = rules.check(request(card("4242424242424242", 12, 2030, "123")));
        CheckoutRequest sameCardOtherCvv = rules.check(request(card("4242424242424242", 12, 2030, "999")));
        CheckoutRequest noCard = rules.check(new CheckoutRequest("k", one.address(), Optional.empty(), one.email()));

        assertThat(CheckoutRules.fingerprint(one), is(CheckoutRules.fingerprint(sameCardOtherCvv)));
        assertThat(CheckoutRules.fingerprint(one), not(CheckoutRules.fingerprint(noCard)));
        assertThat(CheckoutRules.fingerprint(one), not(containsString("4242")));
    }

    @Test
    void anOverlongKeyIsRefused() {
        DomainError e = assertThrows(DomainError.class, () -> rules.check(new CheckoutRequest("k".repeat(256),
                Optional.of(new AddressChoice.Saved("a")), Optional.empty(), "ada@example.com")));
        assertThat(e.fields().get("field"), is("idempotency_key"));
    }

    /** The refusal's code and the field it names. */
    private String refusal(PaymentChoice card) {
        DomainError refused = assertThrows(DomainError.class, () -> rules.check(request(card)));
        return refused.code() + " " + refused.fields().get("field");
    }

    private static PaymentChoice card(String number, int month, int year, String cvv) {
        return new PaymentChoice.TypedCard(new Card(number, month, year, cvv, " Ada "));
    }

    private static CheckoutRequest request(PaymentChoice card) {
        return new CheckoutRequest("key", Optional.of(new AddressChoice.Saved("a")), Optional.of(card), "Ada@Example.com");
    }
}

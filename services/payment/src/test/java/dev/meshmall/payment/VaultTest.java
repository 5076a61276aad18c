package dev.meshmall.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import dev.meshmall.payment.PaymentStack.Shopper;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.payment.v1.CardDetails;
import dev.meshmall.proto.payment.v1.CardToken;
import dev.meshmall.proto.payment.v1.PaymentServiceGrpc;
import dev.meshmall.proto.payment.v1.TokenizeCardRequest;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.payment.PaymentStack.GOOD_NUMBER;
import static dev.meshmall.payment.PaymentStack.NEXT_YEAR;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VaultTest {
    private static PaymentStack stack;

    @BeforeAll
    static void start() {
        stack = PaymentStack.start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theSameCardOfTheSameUserKeepsItsTokenAndAnotherUserGetsAnother() {
        Shopper ada = stack.newShopper();
        Shopper bob = stack.newShopper();

        CardToken first = tokenize(ada, card(GOOD_NUMBER, 12));
        CardToken again = tokenize(ada, card("4242 4242 4242 4242", 3));
        CardToken bobs = tokenize(bob, card(GOOD_NUMBER, 12));
        CardToken other = tokenize(ada, card("5555555555554444", 12));

        assertThat(first.getToken().matches("tok_[A-Za-z0-9_-]{32}"), is(true));
        assertThat(first.getBrand(), is("visa"));
        assertThat(first.getLast4(), is("4242"));
        assertThat(again.getToken(), is(first.getToken()));
        assertThat("the latest expiry is kept", again.getExpMonth(), is(3));
        assertThat(bobs.getToken(), not(first.getToken()));
        assertThat(other.getToken(), not(first.getToken()));
        assertThat(other.getBrand(), is("mastercard"));
        assertThat(stack.count("SELECT count(*) FROM payments.vault_cards WHERE user_id = CAST(? AS uuid)", ada.id()),
                is(2L));
    }

    @Test
    void theVaultKeepsWhatTheProcessorNeedsButNotTheNumber() throws Exception {
        Shopper ada = stack.newShopper();
        CardToken declined = tokenize(ada, card("4000000000000002", 12));

        List<String> row = stack.rows("SELECT outcome, fingerprint, CAST(v AS text) FROM payments.vault_cards v"
                + " WHERE token = ?", declined.getToken()).getFirst();
        String unsaltedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("4000000000000002".getBytes(StandardCharsets.US_ASCII)));

        assertThat(row.get(0), is("CARD_DECLINED"));
        assertThat(row.get(1), not(unsaltedHash));
        assertThat(row.get(2).contains("4000000000000002"), is(false));
    }

    @Test
    void aBadCardIsRefusedAndNothingIsVaulted() {
        Shopper ada = stack.newShopper();
        List<String> before = stack.everyStoredRow();

        for (CardDetails bad : List.of(card("4242424242424241", 12), card(GOOD_NUMBER, 13), card(GOOD_NUMBER, 0),
                card(GOOD_NUMBER, 1).toBuilder().setExpYear(NEXT_YEAR - 2).build(), card("", 12))) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> tokenize(ada, bad));
            assertThat(refused.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        }
        StatusRuntimeException luhn = assertThrows(StatusRuntimeException.class,
                () -> tokenize(ada, card("4242424242424241", 12)));
        StatusRuntimeException anonymous = assertThrows(StatusRuntimeException.class, () -> PaymentServiceGrpc
                .newBlockingStub(stack.fromUserService).tokenizeCard(TokenizeCardRequest.newBuilder().setCard(card(GOOD_NUMBER, 12)).build()));

        assertThat(GrpcErrors.code(luhn), is("invalid_card_number"));
        assertThat(anonymous.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
        assertThat(stack.everyStoredRow(), is(before));
    }

    private static CardToken tokenize(Shopper shopper, CardDetails card) {
        return stack.viaUserService(shopper).tokenizeCard(TokenizeCardRequest.newBuilder().setCard(card).build());
    }

    /** A card as user sends it: no CVV. */
    private static CardDetails card(String number, int month) {
        return CardDetails.newBuilder().setNumber(number).setExpMonth(month).setExpYear(NEXT_YEAR).build();
    }
}

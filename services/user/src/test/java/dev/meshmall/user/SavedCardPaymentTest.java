package dev.meshmall.user;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.meshmall.proto.common.v1.Money;
import dev.meshmall.proto.payment.v1.ChargeRequest;
import dev.meshmall.proto.payment.v1.Payment;
import dev.meshmall.proto.payment.v1.PaymentStatus;
import dev.meshmall.testing.Reply;
import dev.meshmall.user.UserStack.Customer;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A card saved through user is vaulted by payment, which charges it by its id, for its owner only. */
class SavedCardPaymentTest {
    private static final String PATH = "/api/v1/users/me/cards";
    private static final int NEXT_YEAR = YearMonth.now(ZoneOffset.UTC).getYear() + 1;

    private static UserStack stack;

    @BeforeAll
    static void start() {
        stack = UserStack.start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aSavedCardIsChargedByItsId() {
        Customer ada = stack.newCustomer();
        String card = save(ada, "5555 5555 5555 4444");

        Payment paid = stack.paymentGrpc(ada.token()).charge(charge(card));

        assertThat(paid.getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
        assertThat(paid.getCardBrand(), is("mastercard"));
        assertThat(paid.getCardLast4(), is("4444"));
        assertThat(stack.rows("SELECT p.card_token = c.token FROM payments.payments p, users.cards c"
                + " WHERE p.id = CAST(? AS uuid) AND c.id = CAST(? AS uuid)", paid.getId(), card).getFirst().getFirst(),
                is("t"));
    }

    @Test
    void aSavedTestCardIsAnsweredAsThatNumberIs() {
        Customer ada = stack.newCustomer();

        Payment declined = stack.paymentGrpc(ada.token()).charge(charge(save(ada, "4000000000000002")));
        Payment noFunds = stack.paymentGrpc(ada.token()).charge(charge(save(ada, "4000000000009995")));

        assertThat(declined.getStatus(), is(PaymentStatus.PAYMENT_STATUS_DECLINED));
        assertThat(declined.getDeclineCode(), is("card_declined"));
        assertThat(noFunds.getDeclineCode(), is("insufficient_funds"));
    }

    @Test
    void theSameCardSavedTwiceHasOneToken() {
        Customer ada = stack.newCustomer();
        String first = save(ada, "4242424242424242");
        String second = save(ada, "4242 4242 4242 4242");

        assertThat(stack.count("SELECT count(DISTINCT token) FROM users.cards WHERE id IN (CAST(? AS uuid),"
                + " CAST(? AS uuid))", first, second), is(1L));
        assertThat(stack.count("SELECT count(*) FROM payments.vault_cards WHERE user_id = CAST(? AS uuid)", ada.id()),
                is(1L));
    }

    @Test
    void anotherUsersSavedCardIsNotFoundAndNothingIsCharged() {
        Customer owner = stack.newCustomer();
        Customer other = stack.newCustomer();
        String card = save(owner, "4242424242424242");
        String deleted = save(other, "4242424242424242");
        stack.delete(PATH + "/" + deleted, other.token());
        long payments = stack.count("SELECT count(*) FROM payments.payments");

        for (String cardId : List.of(card, deleted, UUID.randomUUID().toString(), "card-1")) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> stack.paymentGrpc(other.token()).charge(charge(cardId)));
            assertThat(cardId, refused.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        }
        assertThat(stack.count("SELECT count(*) FROM payments.payments"), is(payments));
        assertThat(stack.paymentGrpc(owner.token()).charge(charge(card)).getStatus(),
                is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
    }

    private static String save(Customer customer, String number) {
        Reply saved = stack.post(PATH, CardsTest.card(number, 12, NEXT_YEAR, "Ada", null), customer.token());
        if (saved.status() != 201) {
            throw new AssertionError("saving a card failed: " + saved);
        }
        return saved.json().get("id").asText();
    }

    private static ChargeRequest charge(String cardId) {
        return ChargeRequest.newBuilder()
                .setIdempotencyKey(UUID.randomUUID().toString())
                .setOrderId(UUID.randomUUID().toString())
                .setAmount(Money.newBuilder().setAmount(1_999).setCurrency("USD"))
                .setCardId(cardId)
                .build();
    }
}

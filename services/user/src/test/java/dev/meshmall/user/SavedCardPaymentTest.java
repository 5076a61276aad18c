package dev.meshmall.user;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.meshmall.proto.common.v1.Money;
import dev.meshmall.proto.payment.v1.ChargeRequest;
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

/**
 * A card saved through user is vaulted by payment, which charges it by its id for its owner only. A charge is for a
 * real order, so the charges of saved cards that succeed or are declined are proved by checkout's tests, which run
 * order and product too; here, payment refuses another user's card before it asks for any order.
 */
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

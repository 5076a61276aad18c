package dev.meshmall.payment.biz;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules payment applies to what order answers, against its own types: what a charge takes, what is refunded. */
class OrderFactsTest {
    private static final Money TOTAL = new Money(4_999, "USD");

    @Test
    void aChargeTakesTheOrdersOwnTotalWhileItAwaitsPayment() {
        Order awaiting = order(OrderState.PENDING_PAYMENT, Optional.empty(), false);

        assertThat(Payments.due(awaiting, Optional.empty()), is(TOTAL));
        assertThat(Payments.due(awaiting, Optional.of(TOTAL)), is(TOTAL));
        assertThat(refusal(() -> Payments.due(awaiting, Optional.of(new Money(1, "USD")))), is("amount_mismatch"));
        assertThat(refusal(() -> Payments.due(awaiting, Optional.of(new Money(4_999, "EUR")))), is("amount_mismatch"));
        for (OrderState state : new OrderState[] {OrderState.PAID, OrderState.CANCELLED, OrderState.REFUNDED}) {
            assertThat(state.name(), refusal(() -> Payments.due(order(state, Optional.empty(), false),
                    Optional.empty())), is("order_not_payable"));
        }
    }

    @Test
    void aPaymentIsRefundedOnlyForAnOrderCancelledBeforeItsPaymentOrCancelledByItsOwnerOncePaidByIt() {
        Payment payment = payment();
        Optional<UUID> byIt = Optional.of(payment.id());
        Optional<UUID> byAnother = Optional.of(UUID.randomUUID());

        Payments.requireCancelled(order(OrderState.CANCELLED, Optional.empty(), false), payment);
        Payments.requireCancelled(order(OrderState.PAID, byIt, true), payment);
        Payments.requireCancelled(order(OrderState.REFUNDED, byIt, true), payment);

        assertThat(refusal(() -> Payments.requireCancelled(order(OrderState.PENDING_PAYMENT, Optional.empty(), false),
                payment)), is("order_not_cancelled"));
        assertThat(refusal(() -> Payments.requireCancelled(order(OrderState.PAID, byIt, false), payment)),
                is("order_not_cancelled"));
        assertThat(refusal(() -> Payments.requireCancelled(order(OrderState.PAID, byAnother, true), payment)),
                is("order_not_cancelled"));
    }

    private static Order order(OrderState state, Optional<UUID> paymentId, boolean refundRequested) {
        return new Order(UUID.randomUUID(), state, TOTAL, paymentId, refundRequested);
    }

    private static Payment payment() {
        return new Payment(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), PaymentStatus.SUCCEEDED, TOTAL, "",
                "visa", "4242", Instant.now(), Instant.now());
    }

    private static String refusal(Runnable rule) {
        DomainError error = assertThrows(DomainError.class, rule::run);
        assertThat(error.kind(), is(ErrorKind.CONFLICT));
        return error.code();
    }
}

package dev.meshmall.payment;

import java.util.List;
import java.util.UUID;

import dev.meshmall.payment.PaymentStack.Shopper;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.order.v1.OrderStatus;
import dev.meshmall.proto.payment.v1.CancelPaymentRequest;
import dev.meshmall.proto.payment.v1.Payment;
import dev.meshmall.proto.payment.v1.PaymentStatus;
import dev.meshmall.proto.payment.v1.RefundPaymentRequest;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.payment.PaymentStack.GOOD_NUMBER;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettlementTest {
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
    void aSucceededPaymentIsRefundedOnceWhateverTheRepeatsOnceItsOrderIsCancelled() {
        Shopper ada = stack.newShopper();
        Payment paid = stack.charge(ada, GOOD_NUMBER);
        stack.cancelOrder(ada, paid.getOrderId());
        double before = stack.metric("meshmall_payment_refunds_total", "");

        Payment refunded = stack.asSystem().refundPayment(refund(paid, paid.getOrderId()));
        Payment again = stack.asSystem().refundPayment(refund(paid, paid.getOrderId()));

        assertThat(refunded.getStatus(), is(PaymentStatus.PAYMENT_STATUS_REFUNDED));
        assertThat(again, is(refunded));
        assertThat(stack.ledger(paid.getId()), is(List.of("null>PENDING charge", "PENDING>SUCCEEDED processor",
                "SUCCEEDED>REFUNDED refund")));
        assertThat(stack.metric("meshmall_payment_refunds_total", ""), is(before + 1));
        assertThat(stack.rows("SELECT refund_key FROM payments.payments WHERE id = CAST(? AS uuid)", paid.getId())
                .getFirst().getFirst(), is(paid.getOrderId()));
    }

    @Test
    void onlyASucceededPaymentIsRefunded() {
        Shopper ada = stack.newShopper();
        Payment declined = stack.charge(ada, "4000000000000002");
        List<String> before = stack.everyStoredRow();

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stack.asSystem().refundPayment(refund(declined, declined.getOrderId())));
        StatusRuntimeException noKey = assertThrows(StatusRuntimeException.class,
                () -> stack.asSystem().refundPayment(refund(stack.charge(ada, GOOD_NUMBER), "")));

        assertThat(refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(refused), is("payment_not_succeeded"));
        assertThat(noKey.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        assertThat(stack.get(declined.getId()).getStatus(), is(PaymentStatus.PAYMENT_STATUS_DECLINED));
        assertThat(stack.everyStoredRow().containsAll(before), is(true));
    }

    @Test
    void aSucceededPaymentIsNotCancelledAndADeclinedOneIsAnsweredAsItIs() {
        Shopper ada = stack.newShopper();
        Payment paid = stack.charge(ada, GOOD_NUMBER);
        Payment declined = stack.charge(ada, "4000000000009995");

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stack.asSystem().cancelPayment(cancel(paid)));
        Payment stillDeclined = stack.asSystem().cancelPayment(cancel(declined));

        assertThat(refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(refused), is("payment_succeeded"));
        assertThat(stack.get(paid.getId()).getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
        assertThat(stillDeclined, is(declined));
        assertThat(stack.ledger(declined.getId()).size(), is(2));
    }

    @Test
    void aShopperActsOnTheirOwnPaymentsOnly() {
        Shopper ada = stack.newShopper();
        Shopper bob = stack.newShopper();
        Payment paid = stack.charge(ada, GOOD_NUMBER);

        StatusRuntimeException refund = assertThrows(StatusRuntimeException.class,
                () -> stack.as(bob).refundPayment(refund(paid, paid.getOrderId())));
        StatusRuntimeException cancel = assertThrows(StatusRuntimeException.class,
                () -> stack.as(bob).cancelPayment(cancel(paid)));
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> stack.asSystem()
                .refundPayment(RefundPaymentRequest.newBuilder().setPaymentId(UUID.randomUUID().toString())
                        .setIdempotencyKey("k").build()));
        StatusRuntimeException nonsense = assertThrows(StatusRuntimeException.class, () -> stack.asSystem()
                .cancelPayment(CancelPaymentRequest.newBuilder().setPaymentId("pay-1").build()));

        assertThat(refund.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(cancel.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(unknown.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(nonsense.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(stack.get(paid.getId()).getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
    }

    @Test
    void aPaymentIsNeverRefundedWhileItsOrderIsNotCancelled() {
        Shopper ada = stack.newShopper();
        Payment awaiting = stack.charge(ada, GOOD_NUMBER);
        Payment paid = stack.charge(ada, GOOD_NUMBER);
        stack.markPaid(paid.getOrderId(), paid.getId());
        List<String> payments = stack.everyStoredRow();
        List<String> orders = stack.everyStoredOrderRow();

        for (Payment payment : List.of(awaiting, paid)) {
            for (var caller : List.of(stack.as(ada), stack.asSystem())) {
                StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                        () -> caller.refundPayment(refund(payment, payment.getOrderId())));
                assertThat(refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
                assertThat(GrpcErrors.code(refused), is("order_not_cancelled"));
            }
        }
        assertThat(stack.everyStoredRow(), is(payments));
        assertThat(stack.everyStoredOrderRow(), is(orders));
        assertThat(stack.order(paid.getOrderId()).getStatus(), is(OrderStatus.ORDER_STATUS_PAID));
        assertThat(stack.get(paid.getId()).getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
    }

    @Test
    void aRefundedPaymentIsNotCancelled() {
        Shopper ada = stack.newShopper();
        Payment paid = stack.charge(ada, GOOD_NUMBER);
        stack.cancelOrder(ada, paid.getOrderId());
        stack.asSystem().refundPayment(refund(paid, paid.getOrderId()));

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stack.asSystem().cancelPayment(cancel(paid)));

        assertThat(refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(refused), is("payment_refunded"));
    }

    static RefundPaymentRequest refund(Payment payment, String key) {
        return RefundPaymentRequest.newBuilder().setPaymentId(payment.getId()).setIdempotencyKey(key).build();
    }

    static CancelPaymentRequest cancel(Payment payment) {
        return CancelPaymentRequest.newBuilder().setPaymentId(payment.getId()).setIdempotencyKey(UUID.randomUUID()
                .toString()).build();
    }
}

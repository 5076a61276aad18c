package dev.meshmall.payment;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.meshmall.payment.PaymentStack.Item;
import dev.meshmall.payment.PaymentStack.Replica;
import dev.meshmall.payment.PaymentStack.Shopper;
import dev.meshmall.proto.order.v1.Order;
import dev.meshmall.proto.order.v1.OrderStatus;
import dev.meshmall.proto.payment.v1.Payment;
import dev.meshmall.proto.payment.v1.PaymentStatus;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.payment.PaymentStack.GOOD_NUMBER;
import static dev.meshmall.payment.PaymentStack.charge;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A paid order cancelled by its owner while payment is down keeps its cancel; order's refund retry job refunds it
 * once payment is back, once, with no further word from the owner. Its own stack, since payment is stopped.
 */
class RefundRetryTest {
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
    void aCancelWhoseRefundCouldNotBeMadeIsRefundedByTheJobOncePaymentIsBack() throws InterruptedException {
        Shopper ada = stack.newShopper();
        Item lamp = stack.newProduct("Lamp", 8_900, 2);
        Order order = stack.placeOrder(ada, lamp, 1);
        Payment payment = stack.as(ada).charge(charge(order, GOOD_NUMBER).build());
        stack.markPaid(order.getId(), payment.getId());
        double refunds = stack.ordersCancelledByOwner(true);

        stack.payment.close();
        StatusRuntimeException down = assertThrows(StatusRuntimeException.class, () -> stack.cancelOrder(ada, order.getId()));
        assertThat(down.getStatus().getCode(), is(Status.Code.UNAVAILABLE));
        assertThat(stack.orderApp.retryRefunds(), is(0));
        Order waiting = stack.order(order.getId());
        assertThat(waiting.getStatus(), is(OrderStatus.ORDER_STATUS_PAID));
        assertThat(waiting.getRefundRequested(), is(true));

        try (Replica ignored = stack.paymentRestarted()) {
            assertThat(refundedByTheJob(), is(1));
            assertThat(stack.orderApp.retryRefunds(), is(0));

            Order refunded = stack.order(order.getId());
            assertThat(refunded.getStatus(), is(OrderStatus.ORDER_STATUS_REFUNDED));
            assertThat(stack.cancelOrder(ada, order.getId()), is(refunded));
            assertThat(stack.get(payment.getId()).getStatus(), is(PaymentStatus.PAYMENT_STATUS_REFUNDED));
            assertThat(stack.ledger(payment.getId()), is(List.of("null>PENDING charge", "PENDING>SUCCEEDED processor",
                    "SUCCEEDED>REFUNDED refund")));
            assertThat(stack.stockOf(lamp), is(1));
            assertThat(stack.ordersCancelledByOwner(true), is(refunds + 1));
        }
    }

    /**
     * Runs the job until a run refunds something, as its schedule would: order's channel to payment reconnects
     * with a back-off after payment went away, and a run before it has reconnected finds payment unavailable.
     */
    private static int refundedByTheJob() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int refunded = 0;
        while (refunded == 0 && System.nanoTime() < deadline) {
            refunded = stack.orderApp.retryRefunds();
            Thread.sleep(100);
        }
        return refunded;
    }
}

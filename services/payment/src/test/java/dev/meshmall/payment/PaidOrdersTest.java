package dev.meshmall.payment;

import java.util.List;
import java.util.UUID;

import dev.meshmall.payment.PaymentStack.Item;
import dev.meshmall.payment.PaymentStack.Shopper;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.order.v1.CancelOrderRequest;
import dev.meshmall.proto.order.v1.CancelReason;
import dev.meshmall.proto.order.v1.MarkOrderPaidRequest;
import dev.meshmall.proto.order.v1.Order;
import dev.meshmall.proto.order.v1.OrderStatus;
import dev.meshmall.proto.order.v1.UpdateOrderRequest;
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
 * Order and payment settling an order together, over their real gRPC APIs: an order is paid only by a payment that
 * payment confirms (succeeded, for that order, in its total), and a paid order cancelled by its owner is refunded
 * only because order recorded that cancel first, which payment checks.
 */
class PaidOrdersTest {
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
    void anOrderIsPaidOnlyForAPaymentThatPaymentConfirmsAndARefusalChangesNothing() {
        Shopper ada = stack.newShopper();
        Item desk = stack.newProduct("Desk", 45_000, 3);
        Order order = stack.placeOrder(ada, desk, 1);
        Payment declined = stack.as(ada).charge(charge(order, "4000000000000002").build());
        Payment anotherOrders = stack.charge(ada, GOOD_NUMBER);
        List<String> orders = stack.everyStoredOrderRow();

        for (String payment : List.of(UUID.randomUUID().toString(), declined.getId(), anotherOrders.getId())) {
            for (var caller : List.of(stack.orderAsSystem(), stack.orderAs(ada))) {
                StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                        () -> caller.markOrderPaid(pay(order, payment)));
                assertThat(payment, refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
                assertThat(payment, GrpcErrors.code(refused), is("payment_not_confirmed"));
            }
        }

        assertThat(stack.everyStoredOrderRow(), is(orders));
        assertThat(stack.order(order.getId()).getStatus(), is(OrderStatus.ORDER_STATUS_PENDING_PAYMENT));
        assertThat(reservationState(order), is("RESERVED"));
        assertThat(stack.stockOf(desk), is(2));
    }

    @Test
    void markingAnOrderPaidWithItsConfirmedPaymentSellsItsStockAndIsIdempotent() {
        Shopper ada = stack.newShopper();
        Item desk = stack.newProduct("Desk", 45_000, 3);
        Order order = stack.placeOrder(ada, desk, 2);
        Payment payment = stack.as(ada).charge(charge(order, GOOD_NUMBER).build());

        Order paid = stack.markPaid(order.getId(), payment.getId());
        Order again = stack.markPaid(order.getId(), payment.getId());

        assertThat(paid.getStatus(), is(OrderStatus.ORDER_STATUS_PAID));
        assertThat(paid.getPaymentId(), is(payment.getId()));
        assertThat(again, is(paid));
        assertThat(reservationState(order), is("COMMITTED"));
        assertThat(stack.stockOf(desk), is(1));
        assertThat(stack.count("SELECT count(*) FROM orders.orders WHERE id = CAST(? AS uuid) AND paid_at IS NOT NULL",
                order.getId()), is(1L));
    }

    @Test
    void theOwnersTokenMayMarkTheirOrderPaidButNotAnotherUsers() {
        Shopper ada = stack.newShopper();
        Order order = stack.placeOrder(ada, 45_000);
        Payment payment = stack.as(ada).charge(charge(order, GOOD_NUMBER).build());

        StatusRuntimeException other = assertThrows(StatusRuntimeException.class,
                () -> stack.orderAs(stack.newShopper()).markOrderPaid(pay(order, payment.getId())));
        Order paid = stack.orderAs(ada).markOrderPaid(pay(order, payment.getId()));

        assertThat(other.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(paid.getStatus(), is(OrderStatus.ORDER_STATUS_PAID));
    }

    @Test
    void anOrderPaidByOnePaymentIsNotPaidByAnother() {
        Shopper ada = stack.newShopper();
        Order order = stack.placeOrder(ada, 45_000);
        Payment payment = stack.as(ada).charge(charge(order, GOOD_NUMBER).build());
        stack.markPaid(order.getId(), payment.getId());
        Payment another = stack.charge(ada, GOOD_NUMBER);

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stack.markPaid(order.getId(), another.getId()));

        assertThat(refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(refused), is("order_not_payable"));
        assertThat(stack.order(order.getId()).getPaymentId(), is(payment.getId()));
    }

    @Test
    void cancellingAPaidOrderRecordsTheCancelRefundsItsPaymentOnceAndLeavesItsStockSold() {
        Shopper ada = stack.newShopper();
        Item desk = stack.newProduct("Desk", 45_000, 3);
        Order order = stack.placeOrder(ada, desk, 1);
        Payment payment = stack.as(ada).charge(charge(order, GOOD_NUMBER).build());
        stack.markPaid(order.getId(), payment.getId());
        double refunds = stack.ordersCancelledByOwner(true);
        double plainCancels = stack.ordersCancelledByOwner(false);

        Order refunded = stack.cancelOrder(ada, order.getId());
        Order again = stack.cancelOrder(ada, order.getId());

        assertThat(refunded.getStatus(), is(OrderStatus.ORDER_STATUS_REFUNDED));
        assertThat(refunded.getCancelReason(), is(CancelReason.CANCEL_REASON_USER));
        assertThat(refunded.getRefundRequested(), is(true));
        assertThat(refunded.getPaymentId(), is(payment.getId()));
        assertThat(again, is(refunded));
        assertThat(stack.get(payment.getId()).getStatus(), is(PaymentStatus.PAYMENT_STATUS_REFUNDED));
        assertThat(stack.ledger(payment.getId()), is(List.of("null>PENDING charge", "PENDING>SUCCEEDED processor",
                "SUCCEEDED>REFUNDED refund")));
        assertThat(stack.stockOf(desk), is(2));
        assertThat(reservationState(order), is("COMMITTED"));
        assertThat(stack.ordersCancelledByOwner(true), is(refunds + 1));
        assertThat(stack.ordersCancelledByOwner(false), is(plainCancels));
    }

    @Test
    void aPaidOrderIsRefundedOnlyForItsOwner() {
        Shopper ada = stack.newShopper();
        Order order = stack.placeOrder(ada, 45_000);
        Payment payment = stack.as(ada).charge(charge(order, GOOD_NUMBER).build());
        stack.markPaid(order.getId(), payment.getId());
        List<String> orders = stack.everyStoredOrderRow();
        List<String> payments = stack.everyStoredRow();

        StatusRuntimeException notHers = assertThrows(StatusRuntimeException.class,
                () -> stack.cancelOrder(stack.newShopper(), order.getId()));
        StatusRuntimeException failedPayment = assertThrows(StatusRuntimeException.class,
                () -> stack.orderAsSystem().cancelOrder(CancelOrderRequest.newBuilder().setOrderId(order.getId())
                        .setReason(CancelReason.CANCEL_REASON_PAYMENT_FAILED).build()));

        assertThat(notHers.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(failedPayment.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(stack.everyStoredOrderRow(), is(orders));
        assertThat(stack.everyStoredRow(), is(payments));
        assertThat(stack.get(payment.getId()).getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
    }

    @Test
    void aPaidOrderCannotChangeNorIsItCancelledForTheTimeoutWhileAnUnpaidOneIs() {
        Shopper ada = stack.newShopper();
        Order paid = stack.placeOrder(ada, 2_000);
        stack.markPaid(paid.getId(), stack.as(ada).charge(charge(paid, GOOD_NUMBER).build()).getId());
        Order unpaid = stack.placeOrder(ada, 2_000);
        stack.rows("UPDATE orders.orders SET created_at = now() - interval '1 day' WHERE id IN (CAST(? AS uuid),"
                + " CAST(? AS uuid))", paid.getId(), unpaid.getId());

        StatusRuntimeException edit = assertThrows(StatusRuntimeException.class, () -> stack.orderAs(ada)
                .updateOrder(UpdateOrderRequest.newBuilder().setOrderId(paid.getId()).setEmail("new@example.com")
                        .build()));
        stack.orderApp.overdueOrders().cancelOverdue();

        assertThat(edit.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(stack.order(paid.getId()).getStatus(), is(OrderStatus.ORDER_STATUS_PAID));
        assertThat(stack.order(paid.getId()).getEmail(), is("ada@example.com"));
        assertThat(stack.order(unpaid.getId()).getStatus(), is(OrderStatus.ORDER_STATUS_CANCELLED));
    }

    private static String reservationState(Order order) {
        return stack.rows("SELECT state FROM catalog.reservations WHERE order_id = CAST(? AS uuid)", order.getId())
                .getFirst().getFirst();
    }

    private static MarkOrderPaidRequest pay(Order order, String paymentId) {
        return MarkOrderPaidRequest.newBuilder().setOrderId(order.getId()).setPaymentId(paymentId).build();
    }
}

package dev.meshmall.order;

import java.util.List;
import java.util.UUID;

import dev.meshmall.order.OrderStack.Item;
import dev.meshmall.order.OrderStack.Shopper;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.order.v1.CancelOrderRequest;
import dev.meshmall.proto.order.v1.CancelReason;
import dev.meshmall.proto.order.v1.MarkOrderPaidRequest;
import dev.meshmall.proto.order.v1.Order;
import dev.meshmall.proto.order.v1.OrderStatus;
import dev.meshmall.testing.Reply;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The settlement of unpaid orders, and the refusals that need no payment. Orders paid with a payment that payment
 * confirms, and their refunds, are proved by payment's tests, which run payment beside order.
 */
class SettlementTest {
    private static OrderStack stack;

    @BeforeAll
    static void start() {
        stack = OrderStack.start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void cancellingAnUnpaidOrderPutsItsStockBackOnSale() {
        Shopper ada = stack.newShopper();
        Item chair = stack.newProduct("Chair", 12_000, 4);
        Order order = stack.place(ada, chair.times(3));
        double before = stack.metric(stack.order, "meshmall_order_cancelled_total", "reason=\"user\"");

        Reply cancelled = stack.cancel(order.getId(), ada.token());

        assertThat(cancelled.status(), is(200));
        assertThat(cancelled.json().get("status").asText(), is("CANCELLED"));
        assertThat(cancelled.json().get("cancel_reason").asText(), is("USER"));
        assertThat(stack.stockOf(chair), is(4));
        assertThat(reservationState(order), is("RELEASED"));
        assertThat(stack.metric(stack.order, "meshmall_order_cancelled_total", "reason=\"user\""), is(before + 1));
    }

    @Test
    void cancellingTwiceAnswersTheCancelledOrderAndReleasesOnce() {
        Shopper ada = stack.newShopper();
        Item chair = stack.newProduct("Chair", 12_000, 4);
        Order order = stack.place(ada, chair.times(1));
        stack.cancel(order.getId(), ada.token());
        stack.place(stack.newShopper(), chair.times(2));
        double before = stack.metric(stack.order, "meshmall_order_cancelled_total", "reason=\"user\"");

        Reply again = stack.cancel(order.getId(), ada.token());

        assertThat(again.status(), is(200));
        assertThat(again.json().get("status").asText(), is("CANCELLED"));
        assertThat(stack.stockOf(chair), is(2));
        assertThat(stack.metric(stack.order, "meshmall_order_cancelled_total", "reason=\"user\""), is(before));
    }

    @Test
    void aShopperCannotCancelAnotherShoppersOrder() {
        Item chair = stack.newProduct("Chair", 12_000, 4);
        Order order = stack.place(stack.newShopper(), chair.times(1));
        Shopper mallory = stack.newShopper();

        Reply refused = stack.cancel(order.getId(), mallory.token());
        StatusRuntimeException grpc = assertThrows(StatusRuntimeException.class,
                () -> stack.orderGrpc(mallory.token()).cancelOrder(cancel(order, CancelReason.CANCEL_REASON_USER)));

        assertThat(refused.status(), is(404));
        assertThat(grpc.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(stack.stockOf(chair), is(3));
        assertThat(stack.orderGrpc().getOrder(get(order)).getStatus(), is(OrderStatus.ORDER_STATUS_PENDING_PAYMENT));
    }

    @Test
    void aCancelledOrderCannotBePaid() {
        Shopper ada = stack.newShopper();
        Item desk = stack.newProduct("Desk", 45_000, 3);
        Order order = stack.place(ada, desk.times(1));
        stack.cancel(order.getId(), ada.token());

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stack.orderGrpc().markOrderPaid(pay(order, UUID.randomUUID().toString())));

        assertThat(refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(refused), is("order_not_payable"));
        assertThat(stack.stockOf(desk), is(3));
        assertThat(reservationState(order), is("RELEASED"));
    }

    @Test
    void aBadPaymentIdOrAnUnknownOrderIsRefused() {
        Item desk = stack.newProduct("Desk", 45_000, 3);
        Order order = stack.place(stack.newShopper(), desk.times(1));

        StatusRuntimeException badPayment = assertThrows(StatusRuntimeException.class,
                () -> stack.orderGrpc().markOrderPaid(pay(order, "card-4242")));
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> stack.orderGrpc()
                .markOrderPaid(MarkOrderPaidRequest.newBuilder().setOrderId(UUID.randomUUID().toString())
                        .setPaymentId(UUID.randomUUID().toString()).build()));

        assertThat(badPayment.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        assertThat(unknown.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(stack.orderGrpc().getOrder(get(order)).getStatus(), is(OrderStatus.ORDER_STATUS_PENDING_PAYMENT));
    }

    @Test
    void anOrderIsNeverPaidWithoutPaymentsWordAndNothingChanges() {
        Item desk = stack.newProduct("Desk", 45_000, 3);
        Shopper ada = stack.newShopper();
        Order order = stack.place(ada, desk.times(1));
        List<String> before = stack.everyStoredOrderRow();

        StatusRuntimeException asSystem = assertThrows(StatusRuntimeException.class,
                () -> stack.orderGrpc().markOrderPaid(pay(order, UUID.randomUUID().toString())));
        StatusRuntimeException asOwner = assertThrows(StatusRuntimeException.class,
                () -> stack.orderGrpc(ada.token()).markOrderPaid(pay(order, UUID.randomUUID().toString())));

        assertThat(asSystem.getStatus().getCode(), is(Status.Code.UNAVAILABLE));
        assertThat(asOwner.getStatus().getCode(), is(Status.Code.UNAVAILABLE));
        assertThat(stack.everyStoredOrderRow(), is(before));
        assertThat(reservationState(order), is("RESERVED"));
        assertThat(stack.stockOf(desk), is(2));
    }

    @Test
    void checkoutCancelsAnOrderWhoseChargeWasDeclined() {
        Item desk = stack.newProduct("Desk", 45_000, 3);
        Order order = stack.place(stack.newShopper(), desk.times(2));
        double before = stack.metric(stack.order, "meshmall_order_cancelled_total", "reason=\"payment_failed\"");

        Order cancelled = stack.orderGrpc().cancelOrder(cancel(order, CancelReason.CANCEL_REASON_PAYMENT_FAILED));

        assertThat(cancelled.getStatus(), is(OrderStatus.ORDER_STATUS_CANCELLED));
        assertThat(cancelled.getCancelReason(), is(CancelReason.CANCEL_REASON_PAYMENT_FAILED));
        assertThat(stack.stockOf(desk), is(3));
        assertThat(stack.metric(stack.order, "meshmall_order_cancelled_total", "reason=\"payment_failed\""),
                is(before + 1));
    }

    @Test
    void aCancelNeedsAReasonAndTimeoutsAreTheServicesOwn() {
        Item desk = stack.newProduct("Desk", 45_000, 3);
        Order order = stack.place(stack.newShopper(), desk.times(1));

        for (CancelReason reason
                : List.of(CancelReason.CANCEL_REASON_UNSPECIFIED, CancelReason.CANCEL_REASON_TIMEOUT)) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> stack.orderGrpc().cancelOrder(cancel(order, reason)));
            assertThat(reason.name(), refused.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        }
        assertThat(stack.stockOf(desk), is(2));
    }

    @Test
    void theCountersAreThereBeforeTheFirstEvent() {
        Reply metrics = stack.getAnonymously("/observe/metrics");

        for (String reason : List.of("user", "payment_failed", "timeout")) {
            assertThat(reason, metrics.body().contains("meshmall_order_cancelled_total{reason=\"" + reason + "\""),
                    is(true));
        }
        assertThat(metrics.body().contains("meshmall_order_placed_total"), is(true));
    }

    private String reservationState(Order order) {
        return stack.rows("SELECT state FROM catalog.reservations WHERE order_id = CAST(? AS uuid)", order.getId())
                .getFirst().getFirst();
    }

    private static MarkOrderPaidRequest pay(Order order, String payment) {
        return MarkOrderPaidRequest.newBuilder().setOrderId(order.getId()).setPaymentId(payment).build();
    }

    private static CancelOrderRequest cancel(Order order, CancelReason reason) {
        return CancelOrderRequest.newBuilder().setOrderId(order.getId()).setReason(reason).build();
    }

    private static dev.meshmall.proto.order.v1.GetOrderRequest get(Order order) {
        return dev.meshmall.proto.order.v1.GetOrderRequest.newBuilder().setOrderId(order.getId()).build();
    }
}

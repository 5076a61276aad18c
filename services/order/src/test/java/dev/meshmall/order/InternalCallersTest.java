package dev.meshmall.order;

import java.util.List;
import java.util.UUID;

import dev.meshmall.order.OrderStack.Item;
import dev.meshmall.order.OrderStack.Shopper;
import dev.meshmall.proto.order.v1.CancelOrderRequest;
import dev.meshmall.proto.order.v1.CancelReason;
import dev.meshmall.proto.order.v1.GetOrderRequest;
import dev.meshmall.proto.order.v1.MarkOrderPaidRequest;
import dev.meshmall.proto.order.v1.Order;
import dev.meshmall.proto.order.v1.OrderServiceGrpc.OrderServiceBlockingStub;
import dev.meshmall.proto.order.v1.OrderStatus;
import dev.meshmall.testing.TestServices;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Order's internal methods answer only the services the authorization table names, whatever token the caller
 * holds: a shopper with a certificate, or a compromised service, cannot place, pay or cancel orders on the side.
 */
class InternalCallersTest {
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
    void onlyCheckoutPlacesMarksPaidOrCancelsWithoutTheOwner() {
        Shopper ada = stack.newShopper();
        Item kettle = stack.newProduct("Kettle", 2500, 5);
        Order order = stack.place(ada, kettle.times(1));
        MarkOrderPaidRequest markPaid = MarkOrderPaidRequest.newBuilder().setOrderId(order.getId())
                .setPaymentId(UUID.randomUUID().toString()).build();
        CancelOrderRequest cancel = CancelOrderRequest.newBuilder().setOrderId(order.getId()).setReason(CancelReason.CANCEL_REASON_PAYMENT_FAILED).build();

        for (String intruder : List.of(TestServices.TESTER, "user", "payment", "cart", "product")) {
            OrderServiceBlockingStub asIntruder = stack.orderGrpcAs(intruder);
            assertThat(intruder, refusal(() -> asIntruder.markOrderPaid(markPaid)), is(Status.Code.PERMISSION_DENIED));
            assertThat(intruder, refusal(() -> TestServices.withToken(asIntruder, ada.token()).markOrderPaid(markPaid)),
                    is(Status.Code.PERMISSION_DENIED));
            assertThat(intruder, refusal(() -> TestServices.withToken(asIntruder, ada.token())
                    .placeOrder(OrderStack.request(UUID.randomUUID().toString(), kettle.times(1)).build())),
                    is(Status.Code.PERMISSION_DENIED));
            assertThat(intruder, refusal(() -> asIntruder.cancelOrder(cancel)), is(Status.Code.UNAUTHENTICATED));
            if (!intruder.equals("payment")) {
                // payment reads an order to charge its own total: the others need the owner's token to read it
                assertThat(intruder, refusal(() -> asIntruder.getOrder(GetOrderRequest.newBuilder()
                        .setOrderId(order.getId()).build())), is(Status.Code.UNAUTHENTICATED));
            }
        }

        Order after = stack.orderGrpc(ada.token()).getOrder(GetOrderRequest.newBuilder().setOrderId(order.getId()).build());
        assertThat(after.getStatus(), is(OrderStatus.ORDER_STATUS_PENDING_PAYMENT));
        assertThat(stack.stockOf(kettle), is(4));
        assertThat(stack.count("SELECT count(*) FROM orders.orders WHERE user_id = CAST(? AS uuid)", ada.id()), is(1L));
    }

    private static Status.Code refusal(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(StatusRuntimeException.class, call).getStatus().getCode();
    }
}

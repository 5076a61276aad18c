package dev.meshmall.order;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.meshmall.order.OrderStack.Item;
import dev.meshmall.order.OrderStack.Replica;
import dev.meshmall.order.OrderStack.Shopper;
import dev.meshmall.order.biz.OverdueOrders;
import dev.meshmall.proto.order.v1.CancelReason;
import dev.meshmall.proto.order.v1.GetOrderRequest;
import dev.meshmall.proto.order.v1.MarkOrderPaidRequest;
import dev.meshmall.proto.order.v1.Order;
import dev.meshmall.proto.order.v1.OrderStatus;
import dev.meshmall.testing.Concurrently;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class AutoCancelTest {
    private static final String RELEASES = "method=\"meshmall.product.v1.ProductService/ReleaseStock\"";
    private static final String TIMEOUTS = "reason=\"timeout\"";

    @Test
    void theScheduleCancelsOrdersLeftUnpaidPastThePaymentTimeoutAndReleasesTheirStock() throws Exception {
        Map<String, String> settings = Map.of("order.payment-timeout", "PT1S", "order.auto-cancel-interval", "PT0.2S");
        try (OrderStack stack = OrderStack.start(settings, Optional.empty())) {
            Item lamp = stack.newProduct("Lamp", 2_000, 5);
            Shopper ada = stack.newShopper();
            Order unpaid = stack.place(ada, lamp.times(2));
            Order paid = stack.place(ada, lamp.times(1));
            stack.orderGrpc().markOrderPaid(MarkOrderPaidRequest.newBuilder().setOrderId(paid.getId())
                    .setPaymentId(UUID.randomUUID().toString()).build());
            assertThat(stack.stockOf(lamp), is(2));

            awaitTrue(Duration.ofSeconds(15), () -> status(stack, unpaid) == OrderStatus.ORDER_STATUS_CANCELLED);

            Order cancelled = stack.orderGrpc().getOrder(get(unpaid));
            assertThat(cancelled.getCancelReason(), is(CancelReason.CANCEL_REASON_TIMEOUT));
            assertThat(stack.stockOf(lamp), is(4));
            assertThat(status(stack, paid), is(OrderStatus.ORDER_STATUS_PAID));
            assertThat(stack.get("/api/v1/orders/" + unpaid.getId(), ada.token()).json().get("cancel_reason").asText(),
                    is("TIMEOUT"));
        }
    }

    @Test
    void aFreshOrderIsLeftAlone() {
        try (OrderStack stack = OrderStack.start(Map.of("order.payment-timeout", "PT1M"), Optional.empty())) {
            Item lamp = stack.newProduct("Lamp", 2_000, 5);
            Order order = stack.place(stack.newShopper(), lamp.times(1));

            assertThat(stack.orderApp.overdueOrders().cancelOverdue(), is(0));
            assertThat(status(stack, order), is(OrderStatus.ORDER_STATUS_PENDING_PAYMENT));
            assertThat(stack.stockOf(lamp), is(4));
        }
    }

    @Test
    void thePaymentTimeoutIsReadAtEveryRun(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("order.yaml");
        Files.writeString(file, "order:\n  payment-timeout: PT1H\n");
        try (OrderStack stack = OrderStack.start(Map.of(), Optional.of(file))) {
            Item lamp = stack.newProduct("Lamp", 2_000, 5);
            Order order = stack.place(stack.newShopper(), lamp.times(3));
            Thread.sleep(1_100);
            assertThat(stack.orderApp.overdueOrders().cancelOverdue(), is(0));

            Files.writeString(file, "order:\n  payment-timeout: PT1S\n");

            awaitTrue(Duration.ofSeconds(15), () -> stack.orderApp.overdueOrders().cancelOverdue() == 1);
            assertThat(status(stack, order), is(OrderStatus.ORDER_STATUS_CANCELLED));
            assertThat(stack.stockOf(lamp), is(5));
        }
    }

    @Test
    void twoReplicasRunningTheJobAtOnceCancelEveryOverdueOrderExactlyOnce() throws Exception {
        int orders = 160;
        try (OrderStack stack = OrderStack.start(Map.of("order.payment-timeout", "PT1S"), Optional.empty());
             Replica replica = stack.orderReplica()) {
            List<Item> products = List.of(stack.newProduct("Cup", 500, 1_000), stack.newProduct("Saucer", 300, 1_000));
            placeConcurrently(stack, orders, products);
            assertThat(stack.stockOf(products.get(0)) + stack.stockOf(products.get(1)), is(2_000 - 2 * orders));
            Thread.sleep(1_100);
            double releasesBefore = stack.metric(stack.product, "meshmall_grpc_calls_seconds_count", RELEASES);
            double timeoutsBefore = stack.metric(stack.order, "meshmall_order_cancelled_total", TIMEOUTS);

            List<OverdueOrders> jobs = List.of(stack.orderApp.overdueOrders(), replica.app().overdueOrders());
            int cancelled = Concurrently.call(8, i -> jobs.get(i % 2).cancelOverdue()).stream()
                    .mapToInt(Integer::intValue).sum();

            assertThat(cancelled, is(orders));
            assertThat(stack.count("SELECT count(*) FROM orders.orders WHERE status = 'CANCELLED'"
                    + " AND cancel_reason = 'TIMEOUT'"), is((long) orders));
            assertThat(stack.count("SELECT count(*) FROM orders.orders WHERE status = 'PENDING_PAYMENT'"), is(0L));
            assertThat(stack.metric(stack.product, "meshmall_grpc_calls_seconds_count", RELEASES) - releasesBefore,
                    is((double) orders));
            assertThat(stack.metric(stack.order, "meshmall_order_cancelled_total", TIMEOUTS) - timeoutsBefore,
                    is((double) orders));
            assertThat(stack.stockOf(products.get(0)), is(1_000));
            assertThat(stack.stockOf(products.get(1)), is(1_000));
            assertThat(jobs.get(0).cancelOverdue() + jobs.get(1).cancelOverdue(), is(0));
        }
    }

    /** {@code count} orders of one unit of each product, by a few shoppers, placed in parallel on 8 threads. */
    private static void placeConcurrently(OrderStack stack, int count, List<Item> products) throws Exception {
        List<Shopper> shoppers = List.of(stack.newShopper(), stack.newShopper(), stack.newShopper());
        int threads = 8;
        Concurrently.call(threads, thread -> {
            for (int i = thread; i < count; i += threads) {
                stack.place(shoppers.get(i % shoppers.size()), products.get(0).times(1), products.get(1).times(1));
            }
            return null;
        });
    }

    private static OrderStatus status(OrderStack stack, Order order) {
        return stack.orderGrpc().getOrder(get(order)).getStatus();
    }

    private static GetOrderRequest get(Order order) {
        return GetOrderRequest.newBuilder().setOrderId(order.getId()).build();
    }

    private static void awaitTrue(Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not true within " + limit);
            }
            Thread.sleep(100);
        }
    }
}

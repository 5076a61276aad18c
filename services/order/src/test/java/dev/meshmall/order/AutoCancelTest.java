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
import dev.meshmall.proto.order.v1.Order;
import dev.meshmall.proto.order.v1.OrderStatus;
import dev.meshmall.proto.product.v1.ReserveStockRequest;
import dev.meshmall.proto.product.v1.StockItem;
import dev.meshmall.testing.Concurrently;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
            assertThat(stack.stockOf(lamp), is(3));

            awaitTrue(Duration.ofSeconds(15), () -> status(stack, unpaid) == OrderStatus.ORDER_STATUS_CANCELLED);

            Order cancelled = stack.orderGrpc().getOrder(get(unpaid));
            assertThat(cancelled.getCancelReason(), is(CancelReason.CANCEL_REASON_TIMEOUT));
            assertThat(stack.stockOf(lamp), is(5));
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
    void anOrderLeftBeingPlacedByACrashIsShownToNobodyAndTheJobRemovesItAndReleasesItsStock() throws Exception {
        try (OrderStack stack = OrderStack.start(Map.of("order.payment-timeout", "PT1S"), Optional.empty())) {
            Item lamp = stack.newProduct("Lamp", 2_000, 5);
            Shopper ada = stack.newShopper();
            String id = UUID.randomUUID().toString();
            stack.rows("INSERT INTO orders.orders (id, user_id, idempotency_key, request_hash, status, email,"
                    + " street_address, city, country, currency) VALUES (CAST(? AS uuid), CAST(? AS uuid), 'crashed',"
                    + " 'hash', 'PLACING', 'ada@example.com', '1 Main St', 'Springfield', 'US', 'USD')", id, ada.id());
            stack.rows("INSERT INTO orders.order_items (order_id, product_id, line, quantity)"
                    + " VALUES (CAST(? AS uuid), CAST(? AS uuid), 0, 2)", id, lamp.id());
            stack.productGrpc().reserveStock(ReserveStockRequest.newBuilder().setIdempotencyKey(id)
                    .addItems(StockItem.newBuilder().setProductId(lamp.id()).setQuantity(2)).build());
            assertThat(stack.stockOf(lamp), is(3));

            StatusRuntimeException hidden = assertThrows(StatusRuntimeException.class,
                    () -> stack.orderGrpc(ada.token()).getOrder(GetOrderRequest.newBuilder().setOrderId(id).build()));
            assertThat(hidden.getStatus().getCode(), is(Status.Code.NOT_FOUND));
            assertThat(stack.get("/api/v1/orders", ada.token()).json().get("total").asLong(), is(0L));
            assertThat(stack.get("/api/v1/orders/" + id, ada.token()).status(), is(404));

            Thread.sleep(1_100);
            stack.orderApp.overdueOrders().cancelOverdue();

            assertThat(stack.count("SELECT count(*) FROM orders.orders WHERE id = CAST(? AS uuid)", id), is(0L));
            assertThat(stack.stockOf(lamp), is(5));
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

package dev.meshmall.product;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.common.v1.Money;
import dev.meshmall.proto.product.v1.CommitStockRequest;
import dev.meshmall.proto.product.v1.DeleteProductRequest;
import dev.meshmall.proto.product.v1.GetProductRequest;
import dev.meshmall.proto.product.v1.GetProductsRequest;
import dev.meshmall.proto.product.v1.GetProductsResponse;
import dev.meshmall.proto.product.v1.PriceChange;
import dev.meshmall.proto.product.v1.ProductServiceGrpc;
import dev.meshmall.proto.product.v1.ReleaseStockRequest;
import dev.meshmall.proto.product.v1.ReserveStockRequest;
import dev.meshmall.proto.product.v1.ReserveStockResponse;
import dev.meshmall.proto.product.v1.StockItem;
import dev.meshmall.proto.product.v1.StockShortage;
import dev.meshmall.proto.product.v1.UpdateProductRequest;
import dev.meshmall.testing.Concurrently;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * ReserveStock, ReleaseStock and CommitStock as order calls them: all items or none, never below zero,
 * once per order id.
 */
class StockReservationTest {
    private static ProductStack stack;

    @BeforeAll
    static void start() {
        stack = ProductStack.start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void anOrderTakesAllItsItemsOrNone() {
        String lamp = stack.createId("Reading Lamp", 5);
        String bulb = stack.createId("Spare Bulb", 1);
        String order = UUID.randomUUID().toString();
        List<String> before = stack.everyStoredRow();

        StatusRuntimeException refused = refused(() -> reserve(order, item(lamp, 2), item(bulb, 2)));

        assertThat(refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(refused), is("insufficient_stock"));
        StockShortage shortage = shortage(refused);
        assertThat(shortage.getItemsCount(), is(1));
        assertThat(shortage.getItems(0).getProductId(), is(bulb));
        assertThat(shortage.getItems(0).getRequested(), is(2));
        assertThat(shortage.getItems(0).getAvailable(), is(1));
        assertThat("a refused order holds nothing", stack.everyStoredRow(), is(before));

        reserve(order, item(lamp, 2), item(bulb, 1));

        assertThat(stack.stockOf(lamp), is(3));
        assertThat(stack.stockOf(bulb), is(0));
        assertThat(stack.count("SELECT count(*) FROM catalog.reservation_items WHERE order_id = CAST(? AS uuid)",
                order), is(2L));
    }

    @Test
    void theSameOrderIdTwiceReservesOnce() {
        String chair = stack.createId("Folding Chair", 10);
        String order = UUID.randomUUID().toString();

        reserve(order, item(chair, 4));
        reserve(order, item(chair, 4));
        reserve(order, item(chair, 1));

        assertThat(stack.stockOf(chair), is(6));
        assertThat(stack.count("SELECT count(*) FROM catalog.reservations WHERE order_id = CAST(? AS uuid)", order),
                is(1L));
    }

    @Test
    void theSameOrderIdSentInParallelReservesOnce() throws Exception {
        String table = stack.createId("Picnic Table", 50);
        String order = UUID.randomUUID().toString();

        List<Status.Code> codes = Concurrently.call(10, n -> outcome(() -> reserve(order, item(table, 3))));

        assertThat(codes, is(Collections.nCopies(10, Status.Code.OK)));
        assertThat(stack.stockOf(table), is(47));
    }

    @Test
    void aRefusedOrderCanBeRetriedWithTheSameIdOnceThereIsStock() {
        String tent = stack.createId("Two-Person Tent", 1);
        String order = UUID.randomUUID().toString();
        refused(() -> reserve(order, item(tent, 2)));

        stack.put("/api/v1/products/" + tent, ProductStack.product("Two-Person Tent", "", 1000, 5), stack.merchant);
        reserve(order, item(tent, 2));

        assertThat(stack.stockOf(tent), is(3));
    }

    @Test
    void aProductListedTwiceIsReservedForTheSumOfItsQuantities() {
        String pen = stack.createId("Fountain Pen", 10);
        String order = UUID.randomUUID().toString();

        reserve(order, item(pen, 2), item(pen, 3));

        assertThat(stack.stockOf(pen), is(5));
        assertThat(stack.rows("SELECT quantity FROM catalog.reservation_items WHERE order_id = CAST(? AS uuid)",
                order), is(List.of(List.of("5"))));
        refused(() -> reserve(UUID.randomUUID().toString(), item(pen, 3), item(pen, 3)));
        assertThat(stack.stockOf(pen), is(5));
    }

    @Test
    void absentAndDeletedProductsAreShortWithNothingAvailable() {
        String kept = stack.createId("Kept Product", 5);
        String deleted = stack.createId("Deleted Product", 5);
        stack.delete("/api/v1/products/" + deleted, stack.merchant);
        String absent = UUID.randomUUID().toString();

        StockShortage shortage = shortage(refused(() -> reserve(UUID.randomUUID().toString(), item(kept, 1),
                item(deleted, 1), item(absent, 1))));

        List<String> shortIds = shortage.getItemsList().stream().map(StockShortage.ShortItem::getProductId).sorted()
                .toList();
        assertThat(shortIds, is(List.of(absent, deleted).stream().sorted().toList()));
        shortage.getItemsList().forEach(item -> assertThat(item.getAvailable(), is(0)));
        assertThat(stack.stockOf(kept), is(5));
    }

    @Test
    void badReservationsAreInvalidAndChangeNothing() {
        String mug = stack.createId("Enamel Mug", 10);
        List<String> before = stack.everyStoredRow();
        String order = UUID.randomUUID().toString();

        for (ReserveStockRequest bad : List.of(
                ReserveStockRequest.newBuilder().setIdempotencyKey(order).build(),
                request(order, item(mug, 0)),
                request(order, item(mug, -1)),
                request(order, item(mug, 1000)),
                request(order, item(mug, 1), item("not-a-uuid", 1)),
                request("", item(mug, 1)),
                request("order-42", item(mug, 1)),
                request(order, Collections.nCopies(101, item(mug, 1)).toArray(StockItem[]::new)))) {
            StatusRuntimeException e = refused(() -> stack.asOrder().reserveStock(bad));
            assertThat(bad.toString(), e.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        }

        assertThat(stack.everyStoredRow(), is(before));
        assertThat(stack.stockOf(mug), is(10));
    }

    @Test
    void releasingPutsTheUnitsBackOnceAndALateReserveIsRefused() {
        String rug = stack.createId("Wool Rug", 4);
        String order = UUID.randomUUID().toString();
        reserve(order, item(rug, 3));

        release(order);
        release(order);

        assertThat(stack.stockOf(rug), is(4));
        StatusRuntimeException late = refused(() -> reserve(order, item(rug, 3)));
        assertThat(late.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(late), is("reservation_released"));
        assertThat(GrpcErrors.detail(late, StockShortage.class), is(Optional.empty()));
        assertThat(GrpcErrors.detail(late, PriceChange.class), is(Optional.empty()));
        assertThat(stack.stockOf(rug), is(4));
    }

    @Test
    void releasingAnUnknownOrderRecordsItSoALateReserveIsRefused() {
        String vase = stack.createId("Glass Vase", 2);
        String order = UUID.randomUUID().toString();

        release(order);

        assertThat(stack.rows("SELECT state FROM catalog.reservations WHERE order_id = CAST(? AS uuid)", order),
                is(List.of(List.of("RELEASED"))));
        StatusRuntimeException late = refused(() -> reserve(order, item(vase, 1)));
        assertThat(GrpcErrors.code(late), is("reservation_released"));
        assertThat(stack.stockOf(vase), is(2));
    }

    @Test
    void onlyTheOrderServiceMovesStockWhateverTheCallerHolds() {
        String lamp = stack.createId("Desk Lamp", 5);
        String order = UUID.randomUUID().toString();
        ProductServiceGrpc.ProductServiceBlockingStub customer = stack.grpc(stack.customer);
        ProductServiceGrpc.ProductServiceBlockingStub admin = stack.grpc(stack.admin);
        ProductServiceGrpc.ProductServiceBlockingStub cart = stack.asCart();
        for (ProductServiceGrpc.ProductServiceBlockingStub intruder : List.of(customer, admin, cart, stack.grpc())) {
            assertThat(refused(() -> intruder.reserveStock(request(order, item(lamp, 5)))).getStatus().getCode(),
                    is(Status.Code.PERMISSION_DENIED));
            assertThat(refused(() -> intruder.releaseStock(ReleaseStockRequest.newBuilder().setIdempotencyKey(order).build()))
                    .getStatus().getCode(), is(Status.Code.PERMISSION_DENIED));
            assertThat(refused(() -> intruder.commitStock(CommitStockRequest.newBuilder().setIdempotencyKey(order).build()))
                    .getStatus().getCode(), is(Status.Code.PERMISSION_DENIED));
        }
        assertThat(stack.stockOf(lamp), is(5));

        reserve(order, item(lamp, 5));
        assertThat(stack.stockOf(lamp), is(0));
    }

    @Test
    void committingSellsTheReservedUnits() {
        String clock = stack.createId("Wall Clock", 5);
        String order = UUID.randomUUID().toString();
        reserve(order, item(clock, 2));

        commit(order);
        commit(order);
        reserve(order, item(clock, 2));

        assertThat(stack.stockOf(clock), is(3));
        StatusRuntimeException release = refused(() -> release(order));
        assertThat(release.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(release), is("reservation_committed"));
        assertThat(stack.stockOf(clock), is(3));
    }

    @Test
    void aReleasedOrderCannotBeCommittedNorAnUnknownOne() {
        String plate = stack.createId("Dinner Plate", 5);
        String order = UUID.randomUUID().toString();
        reserve(order, item(plate, 1));
        release(order);

        StatusRuntimeException released = refused(() -> commit(order));
        assertThat(released.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(released), is("reservation_released"));
        StatusRuntimeException unknown = refused(() -> commit(UUID.randomUUID().toString()));
        assertThat(unknown.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(refused(() -> commit("not-a-uuid")).getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        assertThat(refused(() -> release("")).getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        assertThat(stack.stockOf(plate), is(5));
    }

    @Test
    void aProductDeletedAfterItWasReservedIsGoneForShoppersButItsReservationCanBeReleased() {
        String radio = stack.createId("Transistor Radio", 3);
        String order = UUID.randomUUID().toString();
        reserve(order, item(radio, 2));

        stack.grpc(stack.merchant).deleteProduct(DeleteProductRequest.newBuilder().setProductId(radio).build());

        StatusRuntimeException gone = refused(() -> stack.grpc().getProduct(GetProductRequest.newBuilder()
                .setProductId(radio).build()));
        assertThat(gone.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        GetProductsResponse batch = stack.asCart().getProducts(GetProductsRequest.newBuilder()
                .addProductIds(radio).build());
        assertThat(batch.getProductsList(), is(empty()));
        assertThat(batch.getMissingIdsList(), contains(radio));

        release(order);

        assertThat(stack.stockOf(radio), is(3));
        assertThat(stack.rows("SELECT state FROM catalog.reservations WHERE order_id = CAST(? AS uuid)", order),
                is(List.of(List.of("RELEASED"))));
    }

    @Test
    void manyOrdersForTheLastUnitsNeverOversell() throws Exception {
        int stock = 5;
        int orders = 20;
        String console = stack.createId("Limited Console", stock);

        List<Status.Code> codes = Concurrently.call(orders, n -> outcome(() -> reserve(UUID.randomUUID().toString(),
                item(console, 1))));

        assertThat(codes.stream().filter(c -> c == Status.Code.OK).count(), is((long) stock));
        assertThat(codes.stream().filter(c -> c == Status.Code.FAILED_PRECONDITION).count(), is((long) orders - stock));
        assertThat(stack.stockOf(console), is(0));
        assertThat(stack.count("SELECT coalesce(sum(quantity), 0) FROM catalog.reservation_items"
                + " WHERE product_id = CAST(? AS uuid)", console), is((long) stock));
    }

    @Test
    void ordersOverTheSameProductsInAnyOrderNeitherOversellNorDeadlock() throws Exception {
        String left = stack.createId("Left Glove", 10);
        String right = stack.createId("Right Glove", 10);

        List<Status.Code> codes = Concurrently.call(20, n -> outcome(() -> {
            StockItem[] items = n % 2 == 0
                    ? new StockItem[] {item(left, 1), item(right, 1)}
                    : new StockItem[] {item(right, 1), item(left, 1)};
            reserve(UUID.randomUUID().toString(), items);
        }));

        assertThat(codes.stream().filter(c -> c == Status.Code.OK).count(), is(10L));
        assertThat(codes.stream().filter(c -> c == Status.Code.FAILED_PRECONDITION).count(), is(10L));
        assertThat(stack.stockOf(left), is(0));
        assertThat(stack.stockOf(right), is(0));
    }

    @Test
    void reservationsAreCountedByOutcome() {
        String hat = stack.createId("Straw Hat", 1);
        Map<String, Double> before = reservationCounters();

        String order = UUID.randomUUID().toString();
        reserve(order, item(hat, 1));
        refused(() -> reserve(UUID.randomUUID().toString(), item(hat, 1)));
        release(order);
        String paid = UUID.randomUUID().toString();
        reserve(paid, item(hat, 1));
        commit(paid);

        Map<String, Double> after = reservationCounters();
        assertThat(after.get("reserved") - before.get("reserved"), is(2.0));
        assertThat(after.get("refused") - before.get("refused"), is(1.0));
        assertThat(after.get("released") - before.get("released"), is(1.0));
        assertThat(after.get("committed") - before.get("committed"), is(1.0));
    }

    @Test
    void aReservationAnswersTheCatalogsNameAndPriceOfEveryItemAndARepeatTheSameAfterAPriceChange() {
        String lamp = stack.create("Brass Lamp", "", 4_500, 10).get("id").asText();
        String shade = stack.create("Linen Shade", "", 1_250, 10).get("id").asText();
        String order = UUID.randomUUID().toString();

        ReserveStockResponse reserved = stack.asOrder().reserveStock(request(order, item(lamp, 2), item(shade, 1))
                .toBuilder().setCurrency("USD").build());
        stack.grpc(stack.merchant).updateProduct(UpdateProductRequest.newBuilder().setProductId(lamp)
                .setPrice(usd(9_900)).build());
        ReserveStockResponse repeated = stack.asOrder().reserveStock(request(order, item(lamp, 2), item(shade, 1)));

        assertThat(reserved.getItemsList().stream().map(i -> i.getProductId() + " " + i.getName() + " x"
                        + i.getQuantity() + " at " + i.getUnitPrice().getAmount() + " " + i.getUnitPrice().getCurrency())
                .sorted().toList(), is(List.of(lamp + " Brass Lamp x2 at 4500 USD", shade + " Linen Shade x1 at 1250 USD")
                .stream().sorted().toList()));
        assertThat("a repeat answers the prices reserved, not today's", repeated, is(reserved));
        assertThat(stack.rows("SELECT unit_price_amount, currency FROM catalog.reservation_items"
                + " WHERE order_id = CAST(? AS uuid) AND product_id = CAST(? AS uuid)", order, lamp),
                is(List.of(List.of("4500", "USD"))));
    }

    @Test
    void aPriceThatIsNotTheExpectedOneRefusesTheWholeReservationNamingTheProducts() {
        String kettle = stack.create("Steel Kettle", "", 3_900, 5).get("id").asText();
        String mug = stack.create("Tall Mug", "", 800, 5).get("id").asText();
        String order = UUID.randomUUID().toString();
        List<String> before = stack.everyStoredRow();

        StatusRuntimeException refused = refused(() -> stack.asOrder().reserveStock(request(order,
                item(kettle, 1).toBuilder().setExpectedUnitPrice(usd(1)).build(),
                item(mug, 2).toBuilder().setExpectedUnitPrice(usd(800)).build())));
        StatusRuntimeException otherCurrency = refused(() -> stack.asOrder().reserveStock(request(order, item(mug, 1))
                .toBuilder().setCurrency("EUR").build()));

        assertThat(refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(refused), is("price_changed"));
        assertThat(refused.getStatus().getDescription().contains(kettle), is(true));
        PriceChange change = detail(refused, PriceChange.class);
        assertThat(change.getItemsList(), is(List.of(PriceChange.ChangedItem.newBuilder().setProductId(kettle)
                .setExpectedUnitPrice(usd(1)).setUnitPrice(usd(3_900)).build())));
        assertThat(GrpcErrors.code(otherCurrency), is("price_changed"));
        assertThat(detail(otherCurrency, PriceChange.class).getItems(0).hasExpectedUnitPrice(), is(false));
        assertThat("a repriced order holds nothing", stack.everyStoredRow(), is(before));

        ReserveStockResponse reserved = stack.asOrder().reserveStock(request(order,
                item(kettle, 1).toBuilder().setExpectedUnitPrice(usd(3_900)).build()).toBuilder().setCurrency("USD")
                .build());

        assertThat(reserved.getItems(0).getUnitPrice(), is(usd(3_900)));
        assertThat(stack.stockOf(kettle), is(4));
        assertThat(stack.stockOf(mug), is(5));
    }

    // ---- helpers

    static Money usd(long amount) {
        return Money.newBuilder().setAmount(amount).setCurrency("USD").build();
    }

    static StockItem item(String productId, int quantity) {
        return StockItem.newBuilder().setProductId(productId).setQuantity(quantity).build();
    }

    static ReserveStockRequest request(String order, StockItem... items) {
        return ReserveStockRequest.newBuilder().setIdempotencyKey(order).addAllItems(List.of(items)).build();
    }

    /** As order calls it: a system call, no user token. */
    static void reserve(String order, StockItem... items) {
        stack.asOrder().reserveStock(request(order, items));
    }

    static void release(String order) {
        stack.asOrder().releaseStock(ReleaseStockRequest.newBuilder().setIdempotencyKey(order).build());
    }

    static void commit(String order) {
        stack.asOrder().commitStock(CommitStockRequest.newBuilder().setIdempotencyKey(order).build());
    }

    static StatusRuntimeException refused(Executable call) {
        return assertThrows(StatusRuntimeException.class, call);
    }

    static StockShortage shortage(StatusRuntimeException e) {
        return detail(e, StockShortage.class);
    }

    static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException e, Class<T> type) {
        return GrpcErrors.detail(e, type)
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " detail in " + e.getStatus()));
    }

    /** The status a call ended with: OK, or the code of the gRPC error it was refused with. */
    static Status.Code outcome(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private static Map<String, Double> reservationCounters() {
        String metrics = stack.get("/observe/metrics").body();
        Map<String, Double> counters = new java.util.HashMap<>();
        Matcher m = Pattern.compile("(?m)^meshmall_product_reservations_total\\{[^}]*outcome=\"(\\w+)\"[^}]*} (\\S+)$")
                .matcher(metrics);
        while (m.find()) {
            counters.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        assertThat(metrics, counters.keySet().stream().sorted().toList(),
                is(List.of("committed", "refused", "released", "reserved")));
        return counters;
    }
}

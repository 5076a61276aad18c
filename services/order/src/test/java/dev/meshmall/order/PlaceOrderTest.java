package dev.meshmall.order;

import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import dev.meshmall.order.OrderStack.Item;
import dev.meshmall.order.OrderStack.Shopper;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.common.v1.Money;
import dev.meshmall.proto.order.v1.Order;
import dev.meshmall.proto.order.v1.OrderItem;
import dev.meshmall.proto.order.v1.OrderStatus;
import dev.meshmall.proto.order.v1.PlaceOrderItem;
import dev.meshmall.proto.order.v1.PlaceOrderRequest;
import dev.meshmall.proto.product.v1.PriceChange;
import dev.meshmall.proto.product.v1.StockShortage;
import dev.meshmall.testing.Concurrently;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlaceOrderTest {
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
    void placingAnOrderReservesItsStockAndKeepsItsOwnCopyOfTheItems() {
        Shopper ada = stack.newShopper();
        Item lamp = stack.newProduct("Desk lamp", 2_499, 10);
        Item bulb = stack.newProduct("Bulb", 350, 40);
        double placedBefore = stack.metric(stack.order, "meshmall_order_placed_total", "");

        Order order = stack.place(ada, lamp.times(2), bulb.times(3));

        assertThat(order.getStatus(), is(OrderStatus.ORDER_STATUS_PENDING_PAYMENT));
        assertThat(order.getItemsCount(), is(2));
        assertThat(order.getItems(0).getProductId(), is(lamp.id()));
        assertThat(order.getItems(0).getName(), is("Desk lamp"));
        assertThat(order.getItems(1).getQuantity(), is(3));
        assertThat(order.getTotal(), is(Money.newBuilder().setAmount(2 * 2_499 + 3 * 350).setCurrency("USD").build()));
        assertThat(order.getEmail(), is("ada@example.com"));
        assertThat(order.getAddress(), is(OrderStack.address()));
        assertThat(order.getPaymentId(), is(""));
        assertThat(stack.stockOf(lamp), is(8));
        assertThat(stack.stockOf(bulb), is(37));
        assertThat(stack.metric(stack.order, "meshmall_order_placed_total", ""), is(placedBefore + 1));

        JsonNode stored = stack.get("/api/v1/orders/" + order.getId(), ada.token()).json();
        assertThat(stored.get("status").asText(), is("PENDING_PAYMENT"));
        assertThat(stored.get("total").get("amount").asLong(), is(6_048L));
        assertThat(stored.get("items").get(0).get("unit_price").get("amount").asLong(), is(2_499L));
        assertThat(stored.get("items").get(0).get("cost").get("amount").asLong(), is(4_998L));
        assertThat(stored.get("items").get(1).get("cost").get("currency").asText(), is("USD"));
        assertThat(stored.get("name").asText(), is("Ada Lovelace"));
        assertThat(stored.get("address").get("country").asText(), is("GB"));
        assertThat(stack.count("SELECT cost_amount FROM orders.order_items WHERE order_id = CAST(? AS uuid)"
                + " AND product_id = CAST(? AS uuid)", order.getId(), bulb.id()), is(1_050L));
    }

    @Test
    void aShopperCannotSetTheirOwnPriceAndNothingIsReservedOrCreated() throws Exception {
        Shopper mallory = stack.newShopper();
        Item tv = stack.newProduct("Television", 89_900, 4);
        Item cable = stack.newProduct("HDMI cable", 1_500, 10);
        List<String> ordersBefore = stack.everyStoredOrderRow();
        long reservationsBefore = stack.count("SELECT count(*) FROM catalog.reservations");

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stack.place(mallory, tv.at(1, 2), cable.times(1)));

        assertThat(refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(refused), is("price_changed"));
        assertThat(refused.getStatus().getDescription().contains(tv.id()), is(true));
        PriceChange change = GrpcErrors.detail(refused, PriceChange.class).orElseThrow();
        assertThat(change.getItemsList(), is(List.of(PriceChange.ChangedItem.newBuilder().setProductId(tv.id())
                .setExpectedUnitPrice(usd(1)).setUnitPrice(usd(89_900)).build())));
        assertThat(stack.everyStoredOrderRow(), is(ordersBefore));
        assertThat(stack.count("SELECT count(*) FROM catalog.reservations"), is(reservationsBefore));
        assertThat(stack.stockOf(tv), is(4));
        assertThat(stack.stockOf(cable), is(10));
        assertThat(stack.get("/api/v1/orders", mallory.token()).json().get("total").asLong(), is(0L));
    }

    @Test
    void anOrderIsPricedFromTheCatalogWithItsNamesWhenTheCallerExpectsNoPrice() {
        Shopper ada = stack.newShopper();
        Item tv = stack.newProduct("Television", 89_900, 4);

        Order order = stack.place(ada, tv.asIs(2));

        assertThat(order.getItems(0).getName(), is("Television"));
        assertThat(order.getItems(0).getUnitPrice(), is(usd(89_900)));
        assertThat(order.getTotal(), is(usd(2 * 89_900)));
        assertThat(stack.rows("SELECT unit_price_amount, currency FROM catalog.reservation_items"
                + " WHERE order_id = CAST(? AS uuid)", order.getId()), is(List.of(List.of("89900", "USD"))));
    }

    @Test
    void aPriceChangedSinceTheCartWasPricedIsAConflictNeverASilentChange() {
        Shopper ada = stack.newShopper();
        Item lamp = stack.newProduct("Floor lamp", 12_000, 5);
        stack.reprice(lamp, 15_000);
        List<String> ordersBefore = stack.everyStoredOrderRow();

        StatusRuntimeException dearer = assertThrows(StatusRuntimeException.class,
                () -> stack.place(ada, lamp.times(1)));
        StatusRuntimeException otherCurrency = assertThrows(StatusRuntimeException.class,
                () -> stack.orderGrpc(ada.token()).placeOrder(OrderStack.request(UUID.randomUUID().toString(),
                        lamp.asIs(1)).setCurrency("EUR").build()));

        assertThat(GrpcErrors.code(dearer), is("price_changed"));
        assertThat(otherCurrency.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(otherCurrency), is("price_changed"));
        assertThat(stack.everyStoredOrderRow(), is(ordersBefore));
        assertThat(stack.stockOf(lamp), is(5));
        Order atTheNewPrice = stack.place(ada, lamp.at(15_000, 1));
        assertThat(atTheNewPrice.getTotal(), is(usd(15_000)));
    }

    @Test
    void anOrderKeepsThePriceItWasPlacedAtWhenTheCatalogChangesLater() {
        Shopper ada = stack.newShopper();
        Item kettle = stack.newProduct("Kettle", 3_900, 5);
        PlaceOrderRequest request = OrderStack.request("checkout-" + UUID.randomUUID(), kettle.times(1)).build();
        Order placed = stack.orderGrpc(ada.token()).placeOrder(request);

        stack.reprice(kettle, 100);
        Order again = stack.orderGrpc(ada.token()).placeOrder(request);

        assertThat(again, is(placed));
        assertThat(stack.orderGrpc(ada.token()).getOrder(dev.meshmall.proto.order.v1.GetOrderRequest.newBuilder()
                .setOrderId(placed.getId()).build()).getTotal(), is(usd(3_900)));
    }

    @Test
    void theSameIdempotencyKeyAnswersTheSameOrderAndReservesOnce() {
        Shopper ada = stack.newShopper();
        Item kettle = stack.newProduct("Kettle", 3_900, 5);
        PlaceOrderRequest request = OrderStack.request("checkout-" + UUID.randomUUID(), kettle.times(2)).build();
        double placedBefore = stack.metric(stack.order, "meshmall_order_placed_total", "");

        Order first = stack.orderGrpc(ada.token()).placeOrder(request);
        Order again = stack.orderGrpc(ada.token()).placeOrder(request);

        assertThat(again, is(first));
        assertThat(stack.stockOf(kettle), is(3));
        assertThat(stack.count("SELECT count(*) FROM orders.orders WHERE user_id = CAST(? AS uuid)", ada.id()), is(1L));
        assertThat(stack.metric(stack.order, "meshmall_order_placed_total", ""), is(placedBefore + 1));
    }

    @Test
    void retriesArrivingTogetherStillMakeOneOrder() throws Exception {
        Shopper ada = stack.newShopper();
        Item kettle = stack.newProduct("Kettle", 3_900, 50);
        PlaceOrderRequest request = OrderStack.request("checkout-" + UUID.randomUUID(), kettle.times(3)).build();

        List<String> ids = Concurrently.call(8, i -> stack.orderGrpc(ada.token()).placeOrder(request).getId());

        assertThat(ids.stream().distinct().count(), is(1L));
        assertThat(stack.stockOf(kettle), is(47));
        assertThat(stack.count("SELECT count(*) FROM orders.orders WHERE user_id = CAST(? AS uuid)", ada.id()), is(1L));
    }

    @Test
    void theSameKeyForOtherItemsIsRefusedAndChangesNothing() {
        Shopper ada = stack.newShopper();
        Item kettle = stack.newProduct("Kettle", 3_900, 5);
        String key = "checkout-" + UUID.randomUUID();
        stack.orderGrpc(ada.token()).placeOrder(OrderStack.request(key, kettle.times(1)).build());
        List<String> before = stack.everyStoredOrderRow();

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stack.orderGrpc(ada.token()).placeOrder(OrderStack.request(key, kettle.times(4)).build()));

        assertThat(refused.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        assertThat(GrpcErrors.code(refused), is("idempotency_key_reused"));
        assertThat(stack.everyStoredOrderRow(), is(before));
        assertThat(stack.stockOf(kettle), is(4));
    }

    @Test
    void anotherShopperMayUseTheSameKeyForTheirOwnOrder() {
        Item mug = stack.newProduct("Mug", 900, 10);
        PlaceOrderRequest request = OrderStack.request("checkout-shared", mug.times(1)).build();

        Order ada = stack.orderGrpc(stack.newShopper().token()).placeOrder(request);
        Order bob = stack.orderGrpc(stack.newShopper().token()).placeOrder(request);

        assertThat(bob.getId(), is(not(ada.getId())));
        assertThat(stack.stockOf(mug), is(8));
    }

    @Test
    void notEnoughStockRefusesTheWholeOrderNamingTheShortItems() throws Exception {
        Shopper ada = stack.newShopper();
        Item plenty = stack.newProduct("Pencil", 120, 50);
        Item scarce = stack.newProduct("Fountain pen", 15_000, 2);
        List<String> ordersBefore = stack.everyStoredOrderRow();

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stack.place(ada, plenty.times(5), scarce.times(3)));

        assertThat(refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(refused), is("insufficient_stock"));
        StockShortage shortage = GrpcErrors.detail(refused, StockShortage.class).orElseThrow();
        assertThat(shortage.getItemsList(), is(List.of(StockShortage.ShortItem.newBuilder()
                .setProductId(scarce.id()).setRequested(3).setAvailable(2).build())));
        assertThat(stack.everyStoredOrderRow(), is(ordersBefore));
        assertThat(stack.stockOf(plenty), is(50));
        assertThat(stack.stockOf(scarce), is(2));
        assertThat(stack.get("/api/v1/orders", ada.token()).json().get("total").asLong(), is(0L));
    }

    @Test
    void aRefusedOrderCanBePlacedAgainWithTheSameKeyOnceTheStockIsBack() {
        Shopper ada = stack.newShopper();
        Item scarce = stack.newProduct("Rare print", 50_000, 1);
        Shopper other = stack.newShopper();
        Order blocking = stack.place(other, scarce.times(1));
        PlaceOrderRequest request = OrderStack.request("checkout-" + UUID.randomUUID(), scarce.times(1)).build();
        assertThrows(StatusRuntimeException.class, () -> stack.orderGrpc(ada.token()).placeOrder(request));

        assertThat(stack.cancel(blocking.getId(), other.token()).status(), is(200));
        Order placed = stack.orderGrpc(ada.token()).placeOrder(request);

        assertThat(placed.getStatus(), is(OrderStatus.ORDER_STATUS_PENDING_PAYMENT));
        assertThat(stack.stockOf(scarce), is(0));
    }

    @Test
    void manyShoppersOrderingTheLastUnitsAtOnceGetExactlyThoseUnits() throws Exception {
        Item last = stack.newProduct("Limited edition", 9_900, 3);
        List<Shopper> shoppers = java.util.stream.IntStream.range(0, 12).mapToObj(i -> stack.newShopper()).toList();

        List<Boolean> placed = Concurrently.call(shoppers.size(), i -> {
            try {
                stack.place(shoppers.get(i), last.times(1));
                return true;
            } catch (StatusRuntimeException e) {
                return false;
            }
        });

        assertThat(placed.stream().filter(p -> p).count(), is(3L));
        assertThat(stack.stockOf(last), is(0));
        assertThat(stack.count("SELECT count(*) FROM orders.order_items WHERE product_id = CAST(? AS uuid)", last.id()),
                is(3L));
    }

    @Test
    void badOrdersAreRefusedNamingTheFieldAndChangeNothing() {
        Shopper ada = stack.newShopper();
        Item pen = stack.newProduct("Pen", 200, 100);
        PlaceOrderItem good = pen.times(1);
        List<String> ordersBefore = stack.everyStoredOrderRow();
        List<Case> cases = List.of(
                new Case("idempotency_key", r -> r.setIdempotencyKey("")),
                new Case("idempotency_key", r -> r.setIdempotencyKey("k".repeat(201))),
                new Case("items", r -> r.clearItems()),
                new Case("items", r -> {
                    r.clearItems();
                    for (int i = 0; i < 101; i++) {
                        r.addItems(good.toBuilder().setProductId(UUID.randomUUID().toString()));
                    }
                    return r;
                }),
                new Case("items[0].quantity", r -> r.setItems(0, good.toBuilder().setQuantity(0))),
                new Case("items[0].quantity", r -> r.setItems(0, good.toBuilder().setQuantity(1000))),
                new Case("items[0].quantity", r -> r.setItems(0, good.toBuilder().setQuantity(-3))),
                new Case("items[0].product_id", r -> r.setItems(0, good.toBuilder().setProductId("pen"))),
                new Case("items[0].expected_unit_price.amount", r -> r.setItems(0, good.toBuilder()
                        .setExpectedUnitPrice(Money.newBuilder().setAmount(-1).setCurrency("USD")))),
                new Case("items[0].expected_unit_price.currency", r -> r.setItems(0, good.toBuilder()
                        .setExpectedUnitPrice(Money.newBuilder().setAmount(200).setCurrency("EUR")))),
                new Case("items[1].product_id", r -> r.addItems(good)),
                new Case("currency", r -> r.setCurrency("usd")),
                new Case("currency", r -> r.setCurrency("")),
                new Case("email", r -> r.setEmail("")),
                new Case("email", r -> r.setEmail("not an email")),
                new Case("address.street_address",
                        r -> r.setAddress(OrderStack.address().toBuilder().setStreetAddress(""))),
                new Case("address.city", r -> r.setAddress(OrderStack.address().toBuilder().clearCity())),
                new Case("address.country", r -> r.setAddress(OrderStack.address().toBuilder().setCountry("Britain"))),
                new Case("address.phone", r -> r.setAddress(OrderStack.address().toBuilder().setPhone("call me"))),
                new Case("address.name", r -> r.setAddress(OrderStack.address().toBuilder().setName("a\u0000b"))),
                new Case("address.street_address", r -> r.clearAddress()));

        for (Case c : cases) {
            PlaceOrderRequest request = c.change().apply(OrderStack.request("bad-" + UUID.randomUUID(), good)).build();
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> stack.orderGrpc(ada.token()).placeOrder(request), c.field());
            assertThat(c.field(), refused.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
            assertThat(c.field(), GrpcErrors.code(refused), is("invalid_field"));
            assertThat(c.field(), refused.getStatus().getDescription().contains(c.field()), is(true));
        }
        assertThat(stack.everyStoredOrderRow(), is(ordersBefore));
        assertThat(stack.stockOf(pen), is(100));
    }

    @Test
    void onlyAShopperCanPlaceAnOrderAndNeverOverRest() {
        Item pen = stack.newProduct("Pen", 200, 100);
        PlaceOrderRequest request = OrderStack.request("anonymous", pen.times(1)).build();

        StatusRuntimeException anonymous = assertThrows(StatusRuntimeException.class,
                () -> stack.orderGrpc().placeOrder(request));
        StatusRuntimeException forged = assertThrows(StatusRuntimeException.class,
                () -> stack.orderGrpc("not.a.token").placeOrder(request));

        assertThat(anonymous.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
        assertThat(forged.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
        assertThat(stack.post("/api/v1/orders", "{}", stack.newShopper().token()).status(),
                org.hamcrest.Matchers.either(is(404)).or(is(405)));
        assertThat(stack.stockOf(pen), is(100));
        assertThat(stack.count("SELECT count(*) FROM orders.orders WHERE idempotency_key = 'anonymous'"), is(0L));
    }

    @Test
    void theOrdersOfOneRequestAreListedInTheOrderTheyWereAsked() {
        Shopper ada = stack.newShopper();
        Item a = stack.newProduct("Zebra plush", 1_000, 5);
        Item b = stack.newProduct("Aardvark plush", 1_000, 5);
        Item c = stack.newProduct("Mole plush", 1_000, 5);

        Order order = stack.place(ada, a.times(1), b.times(1), c.times(1));

        assertThat(stack.orderGrpc(ada.token()).getOrder(dev.meshmall.proto.order.v1.GetOrderRequest.newBuilder()
                        .setOrderId(order.getId()).build()).getItemsList().stream().map(OrderItem::getName).toList(),
                is(List.of("Zebra plush", "Aardvark plush", "Mole plush")));
        assertThat(order.getItemsList().stream().map(OrderItem::getProductId).toList(),
                containsInAnyOrder(a.id(), b.id(), c.id()));
    }

    private static Money usd(long amount) {
        return Money.newBuilder().setAmount(amount).setCurrency("USD").build();
    }

    private record Case(String field, UnaryOperator<PlaceOrderRequest.Builder> change) {
    }
}

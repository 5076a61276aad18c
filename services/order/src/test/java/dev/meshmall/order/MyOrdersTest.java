package dev.meshmall.order;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.meshmall.order.OrderStack.Item;
import dev.meshmall.order.OrderStack.Shopper;
import dev.meshmall.proto.common.v1.PageRequest;
import dev.meshmall.proto.order.v1.GetOrderRequest;
import dev.meshmall.proto.order.v1.ListOrdersRequest;
import dev.meshmall.proto.order.v1.ListOrdersResponse;
import dev.meshmall.proto.order.v1.Order;
import dev.meshmall.proto.order.v1.UpdateOrderRequest;
import dev.meshmall.testing.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MyOrdersTest {
    private static final String PATH = "/api/v1/orders";
    private static OrderStack stack;
    private static Item tea;

    @BeforeAll
    static void start() {
        stack = OrderStack.start();
        tea = stack.newProduct("Tea", 450, 10_000);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aShopperListsTheirOrdersNewestFirstPageByPage() {
        Shopper ada = stack.newShopper();
        List<String> placed = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            placed.add(stack.place(ada, tea.times(i)).getId());
        }
        stack.place(stack.newShopper(), tea.times(1));

        JsonNode first = stack.get(PATH + "?size=2", ada.token()).json();
        JsonNode third = stack.get(PATH + "?page=3&size=2", ada.token()).json();

        assertThat(first.get("total").asLong(), is(5L));
        assertThat(first.get("page").asInt(), is(1));
        assertThat(first.get("size").asInt(), is(2));
        assertThat(ids(first), is(List.of(placed.get(4), placed.get(3))));
        assertThat(ids(third), is(List.of(placed.get(0))));
        assertThat(third.get("items").get(0).get("items").get(0).get("quantity").asInt(), is(1));
        assertThat(ids(stack.get(PATH + "?page=4&size=2", ada.token()).json()), is(List.of()));
        JsonNode all = stack.get(PATH, ada.token()).json();
        assertThat(all.get("size").asInt(), is(20));
        assertThat(ids(all), is(placed.reversed()));
    }

    @Test
    void theListsBoundsAreChecked() {
        Shopper ada = stack.newShopper();
        for (String bad : List.of("page=0", "page=-1", "size=0", "size=101", "page=x", "size=1.5")) {
            Reply reply = stack.get(PATH + "?" + bad, ada.token());
            assertThat(bad, reply.status(), is(422));
            assertThat(bad, reply.field(), is(bad.substring(0, bad.indexOf('='))));
        }
        assertThat(stack.get(PATH + "?size=100", ada.token()).status(), is(200));

        for (PageRequest bad : List.of(PageRequest.newBuilder().setPage(-1).build(),
                PageRequest.newBuilder().setSize(101).build())) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> stack.orderGrpc(ada.token()).listOrders(ListOrdersRequest.newBuilder().setPage(bad).build()));
            assertThat(refused.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        }
    }

    @Test
    void theGrpcListIsTheSameList() {
        Shopper ada = stack.newShopper();
        Order older = stack.place(ada, tea.times(1));
        Order newer = stack.place(ada, tea.times(2));

        ListOrdersResponse all = stack.orderGrpc(ada.token()).listOrders(ListOrdersRequest.getDefaultInstance());
        ListOrdersResponse second = stack.orderGrpc(ada.token()).listOrders(ListOrdersRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setPage(2).setSize(1)).build());

        assertThat(all.getOrdersList(), is(List.of(newer, older)));
        assertThat(all.getPage().getSize(), is(20));
        assertThat(all.getPage().getTotal(), is(2L));
        assertThat(second.getOrdersList(), is(List.of(older)));
    }

    @Test
    void aShopperReadsTheirOrderOverRestAndGrpc() {
        Shopper ada = stack.newShopper();
        Order order = stack.place(ada, tea.times(3));

        Reply reply = stack.get(PATH + "/" + order.getId(), ada.token());

        assertThat(reply.status(), is(200));
        JsonNode json = reply.json();
        assertThat(json.get("id").asText(), is(order.getId()));
        assertThat(json.get("items").get(0).get("product_id").asText(), is(tea.id()));
        assertThat(json.get("items").get(0).get("name").asText(), is("Tea"));
        assertThat(json.get("total").get("amount").asLong(), is(1_350L));
        assertThat(json.get("total").get("currency").asText(), is("USD"));
        assertThat(json.get("email").asText(), is("ada@example.com"));
        assertThat(json.get("payment_id").isNull(), is(true));
        assertThat(json.get("cancel_reason").isNull(), is(true));
        assertThat(json.has("user_id"), is(false));
        assertThat(json.has("idempotency_key"), is(false));
        assertThat(stack.orderGrpc(ada.token()).getOrder(get(order.getId())), is(order));
    }

    @Test
    void aShopperCannotSeeAnotherShoppersOrder() {
        Shopper owner = stack.newShopper();
        Shopper other = stack.newShopper();
        Order order = stack.place(owner, tea.times(1));

        Reply reply = stack.get(PATH + "/" + order.getId(), other.token());
        StatusRuntimeException grpc = assertThrows(StatusRuntimeException.class,
                () -> stack.orderGrpc(other.token()).getOrder(get(order.getId())));

        assertThat(reply.status(), is(404));
        assertThat(reply.body().contains("ada@example.com") || reply.body().contains("Tea"), is(false));
        assertThat(grpc.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(stack.get(PATH, other.token()).json().get("total").asLong(), is(0L));
        assertThat(stack.orderGrpc(other.token()).listOrders(ListOrdersRequest.getDefaultInstance()).getOrdersCount(),
                is(0));
    }

    @Test
    void guessingOrderIdsFindsNothing() {
        Shopper ada = stack.newShopper();
        Shopper mallory = stack.newShopper();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(stack.place(ada, tea.times(1)).getId());
        }
        ids.add(UUID.randomUUID().toString());

        for (String id : ids) {
            Reply missing = stack.get(PATH + "/" + id, mallory.token());
            assertThat(missing.status(), is(404));
            assertThat(missing.code(), is("not_found"));
        }
        for (String guess : List.of("1", "not-a-uuid", ids.getFirst().toUpperCase() + "0", "%27%20OR%201=1%20--")) {
            assertThat(guess, stack.get(PATH + "/" + guess, mallory.token()).status(), is(404));
            assertThat(guess, stack.get(PATH + "/" + guess, ada.token()).status(), is(404));
        }
        StatusRuntimeException grpc = assertThrows(StatusRuntimeException.class,
                () -> stack.orderGrpc(mallory.token()).getOrder(get("1")));
        assertThat(grpc.getStatus().getCode(), is(Status.Code.NOT_FOUND));
    }

    @Test
    void anotherServiceReadsAnyOrderWithoutAUsersToken() {
        Order order = stack.place(stack.newShopper(), tea.times(1));

        assertThat(stack.orderGrpc().getOrder(get(order.getId())), is(order));
    }

    @Test
    void ordersNeedAToken() {
        Order order = stack.place(stack.newShopper(), tea.times(1));

        assertThat(stack.getAnonymously(PATH).status(), is(401));
        assertThat(stack.getAnonymously(PATH + "/" + order.getId()).status(), is(401));
        assertThat(stack.get(PATH, "forged").status(), is(401));
        StatusRuntimeException list = assertThrows(StatusRuntimeException.class,
                () -> stack.orderGrpc().listOrders(ListOrdersRequest.getDefaultInstance()));
        assertThat(list.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void anUnpaidOrderChangesItsEmailAndAddress() {
        Shopper ada = stack.newShopper();
        Order order = stack.place(ada, tea.times(1));

        Reply email = stack.patch(PATH + "/" + order.getId(), "{\"email\":\" Ada@Example.org \"}", ada.token());
        Reply address = stack.patch(PATH + "/" + order.getId(), "{\"address\":{\"name\":\"Charles Babbage\","
                + "\"street_address\":\"1 Dorset St\",\"city\":\"London\",\"country\":\"GB\"}}", ada.token());

        assertThat(email.status(), is(200));
        assertThat(email.json().get("email").asText(), is("ada@example.org"));
        assertThat(email.json().get("address").get("street_address").asText(), is("12 St James's Square"));
        assertThat(address.status(), is(200));
        assertThat(address.json().get("email").asText(), is("ada@example.org"));
        assertThat(address.json().get("name").asText(), is("Charles Babbage"));
        assertThat(address.json().get("address").get("street_address").asText(), is("1 Dorset St"));
        assertThat(address.json().get("address").get("zip_code").asText(), is(""));
        assertThat(address.json().get("items").size(), is(1));
        Order changed = stack.orderGrpc(ada.token()).updateOrder(UpdateOrderRequest.newBuilder()
                .setOrderId(order.getId()).setEmail("babbage@example.com").build());
        assertThat(changed.getEmail(), is("babbage@example.com"));
        assertThat(changed.getAddress().getStreetAddress(), is("1 Dorset St"));
        assertThat(changed.getTotal(), is(order.getTotal()));
    }

    @Test
    void aShopperCannotChangeAnotherShoppersOrder() {
        Shopper owner = stack.newShopper();
        Order order = stack.place(owner, tea.times(1));
        List<String> before = stack.everyStoredOrderRow();

        Shopper mallory = stack.newShopper();
        Reply refused = stack.patch(PATH + "/" + order.getId(), "{\"email\":\"mallory@example.com\"}", mallory.token());
        StatusRuntimeException grpc = assertThrows(StatusRuntimeException.class, () -> stack.orderGrpc(mallory.token())
                .updateOrder(UpdateOrderRequest.newBuilder().setOrderId(order.getId()).setEmail("m@example.com")
                        .build()));

        assertThat(refused.status(), is(404));
        assertThat(grpc.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(stack.everyStoredOrderRow(), is(before));
    }

    @Test
    void badChangesAreRefusedNamingTheFieldAndChangeNothing() {
        Shopper ada = stack.newShopper();
        Order order = stack.place(ada, tea.times(1));
        List<String> before = stack.everyStoredOrderRow();
        List<String[]> cases = List.of(
                new String[] {"email", "{\"email\":\"nobody\"}"},
                new String[] {"email", "{\"email\":\"\"}"},
                new String[] {"address.country",
                        "{\"address\":{\"street_address\":\"1 St\",\"city\":\"C\",\"country\":\"gb\"}}"},
                new String[] {"address.city", "{\"address\":{\"street_address\":\"1 St\",\"country\":\"GB\"}}"},
                new String[] {"address.street_address", "{\"address\":{}}"},
                new String[] {"status", "{\"status\":\"PAID\"}"},
                new String[] {"user_id", "{\"user_id\":\"" + UUID.randomUUID() + "\"}"},
                new String[] {"email", "{\"email\":42}"});
        for (String[] c : cases) {
            Reply reply = stack.patch(PATH + "/" + order.getId(), c[1], ada.token());
            assertThat(c[1], reply.status(), is(422));
            assertThat(c[1], reply.field(), is(c[0]));
        }
        assertThat(stack.patch(PATH + "/" + order.getId(), "{\"email\":", ada.token()).status(), is(400));
        assertThat(stack.everyStoredOrderRow(), is(before));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(order -> ids.add(order.get("id").asText()));
        return ids;
    }

    private static GetOrderRequest get(String id) {
        return GetOrderRequest.newBuilder().setOrderId(id).build();
    }
}

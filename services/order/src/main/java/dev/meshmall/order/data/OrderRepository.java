package dev.meshmall.order.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.meshmall.order.biz.Actor;
import dev.meshmall.order.biz.Address;
import dev.meshmall.order.biz.CancelReason;
import dev.meshmall.order.biz.Edit;
import dev.meshmall.order.biz.LockedOrder;
import dev.meshmall.order.biz.NewOrder;
import dev.meshmall.order.biz.Order;
import dev.meshmall.order.biz.OrderChange;
import dev.meshmall.order.biz.OrderLine;
import dev.meshmall.order.biz.OrderStatus;
import dev.meshmall.order.biz.OrderStore;
import dev.meshmall.order.biz.PlacingOrder;
import dev.meshmall.order.biz.RequestedLine;
import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.order.biz.Placed;
import dev.meshmall.platform.db.Rows;
import dev.meshmall.platform.db.Transactions;
import dev.meshmall.platform.http.Json;

import com.fasterxml.jackson.core.type.TypeReference;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbStatement;
import io.helidon.dbclient.DbStatementGet;
import io.helidon.dbclient.DbTransaction;

/**
 * {@code orders.orders} and {@code orders.order_items} through the named statements of {@code application.yaml}.
 * An order is read with its items in one statement (aggregated as JSON), a page of orders too.
 */
public final class OrderRepository implements OrderStore {
    private static final UUID NOBODY = new UUID(0, 0);
    private static final String PLACING = "PLACING";
    private static final TypeReference<List<StoredItem>> ITEMS = new TypeReference<>() { };

    private final DbClient db;

    public OrderRepository(DbClient db) {
        this.db = db;
    }

    /** An item as written to and read from the JSON the statements exchange (snake_case keys). */
    record StoredItem(String productId, String name, int quantity, long unitPrice) {
    }

    /** A line as the placing insert writes it: its position, product and quantity; no name nor price yet. */
    record NumberedItem(int line, String productId, int quantity) {
    }

    /** A line as product priced it. */
    record PricedItem(String productId, String name, long unitPrice) {
    }

    @Override
    public Placed placeOrFind(NewOrder order) {
        DbRow row = addressed(db.execute().createNamedGet("insert-order"), order.address())
                .addParam("user_id", order.owner())
                .addParam("idempotency_key", order.idempotencyKey())
                .addParam("request_hash", order.requestHash())
                .addParam("email", order.email())
                .addParam("currency", order.currency())
                .addParam("items", itemsJson(order.lines()))
                .execute()
                .orElseThrow(() -> new IllegalStateException("insert-order answered no row"));
        UUID id = Rows.uuid(row, "id");
        return Rows.bool(row, "created") ? new Placed.Created(id)
                : new Placed.Existing(id, Rows.text(row, "request_hash"));
    }

    @Override
    public <T> Optional<T> withPlacement(UUID id, UUID owner, Function<PlacingOrder, T> work) {
        return Transactions.inTransaction(db, tx -> {
            Optional<String> status = tx.createNamedGet("lock-placement").addParam("id", id).addParam("owner", owner)
                    .execute()
                    .map(row -> Rows.text(row, "status"));
            return status.map(s -> work.apply(new Placing(tx, id, s.equals(PLACING) ? Optional.empty()
                    : Optional.of(read(tx, id)))));
        });
    }

    @Override
    public Optional<Order> find(UUID id, Actor actor) {
        return actingAs(db.execute().createNamedGet("order").addParam("id", id), actor).execute()
                .map(OrderRepository::order);
    }

    @Override
    public Page<Order> list(UUID owner, PageRequest page) {
        long total = db.execute().createNamedGet("count-orders").addParam("user_id", owner).execute()
                .map(row -> Rows.number(row, "total")).orElse(0L);
        List<Order> items = Rows.all(db.execute().createNamedQuery("list-orders")
                .addParam("user_id", owner)
                .addParam("limit", page.size())
                .addParam("offset", page.offset()), OrderRepository::order);
        return new Page<>(items, page.page(), page.size(), total);
    }

    @Override
    public Edit edit(UUID id, UUID owner, OrderChange change) {
        Address unchanged = new Address("", "", "", "", "", "", "");
        boolean edited = addressed(db.execute().createNamedGet("edit-order"), change.address().orElse(unchanged))
                .addParam("id", id)
                .addParam("owner", owner)
                .addParam("change_email", change.email().isPresent())
                .addParam("email", change.email().orElse(""))
                .addParam("change_address", change.address().isPresent())
                .execute()
                .isPresent();
        Optional<Order> order = find(id, Actor.user(owner));
        if (order.isEmpty()) {
            return new Edit.Missing();
        }
        return edited ? new Edit.Edited(order.get()) : new Edit.NotEditable(order.get());
    }

    @Override
    public <T> Optional<T> withLocked(UUID id, Actor actor, Function<LockedOrder, T> work) {
        return Transactions.inTransaction(db, tx -> {
            Optional<Order> locked = actingAs(tx.createNamedGet("lock-order").addParam("id", id), actor).execute()
                    .map(OrderRepository::order);
            return locked.map(order -> work.apply(new Locked(tx, order)));
        });
    }

    @Override
    public List<UUID> cancelOverdue(Duration age, int limit, Predicate<UUID> released) {
        return Transactions.inTransaction(db, tx -> {
            List<UUID> due = Rows.all(tx.createNamedQuery("lock-overdue")
                    .addParam("age_ms", age.toMillis())
                    .addParam("limit", limit), row -> Rows.uuid(row, "id"));
            List<UUID> releasedIds = due.stream().filter(released).toList();
            if (releasedIds.isEmpty()) {
                return List.<UUID>of();
            }
            return Rows.all(tx.createNamedQuery("cancel-overdue")
                    .addParam("ids", releasedIds.stream().map(UUID::toString).collect(Collectors.joining(","))),
                    row -> Rows.uuid(row, "id"));
        });
    }

    @Override
    public List<UUID> refundsDue(Duration age, int limit) {
        return Rows.all(db.execute().createNamedQuery("refunds-due")
                .addParam("age_ms", age.toMillis())
                .addParam("limit", limit), row -> Rows.uuid(row, "id"));
    }

    /** The order, read inside a transaction that holds its row (or just wrote it). */
    private static Order read(DbExecute tx, UUID id) {
        return actingAs(tx.createNamedGet("order").addParam("id", id), Actor.service()).execute()
                .map(OrderRepository::order)
                .orElseThrow(() -> new IllegalStateException("order " + id + " vanished inside its transaction"));
    }

    private static <S extends DbStatement<S>> S addressed(S statement, Address a) {
        return statement.addParam("name", a.name())
                .addParam("street_address", a.streetAddress())
                .addParam("city", a.city())
                .addParam("state", a.state())
                .addParam("country", a.country())
                .addParam("zip_code", a.zipCode())
                .addParam("phone", a.phone());
    }

    private static <S extends DbStatement<S>> S actingAs(S statement, Actor actor) {
        return switch (actor) {
            case Actor.User user -> statement.addParam("anyone", false).addParam("owner", user.id());
            case Actor.Service service -> statement.addParam("anyone", true).addParam("owner", NOBODY);
        };
    }

    private static String itemsJson(List<RequestedLine> lines) {
        return new String(Json.write(IntStream.range(0, lines.size())
                .mapToObj(i -> new NumberedItem(i, lines.get(i).productId().toString(), lines.get(i).quantity()))
                .toList()), StandardCharsets.UTF_8);
    }

    private static String pricedJson(List<OrderLine> lines) {
        return new String(Json.write(lines.stream()
                .map(line -> new PricedItem(line.productId().toString(), line.name(), line.unitPrice()))
                .toList()), StandardCharsets.UTF_8);
    }

    private static Order order(DbRow row) {
        Address address = new Address(Rows.text(row, "name"), Rows.text(row, "street_address"),
                Rows.text(row, "city"), Rows.text(row, "state"), Rows.text(row, "country"),
                Rows.text(row, "zip_code"), Rows.text(row, "phone"));
        String payment = Rows.text(row, "payment_id");
        String reason = Rows.text(row, "cancel_reason");
        return new Order(Rows.uuid(row, "id"), Rows.uuid(row, "user_id"),
                OrderStatus.valueOf(Rows.text(row, "status")), items(Rows.text(row, "items")),
                Rows.text(row, "currency"), Rows.number(row, "total_amount"), Rows.text(row, "email"), address,
                payment.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(payment)),
                reason.isEmpty() ? Optional.empty() : Optional.of(CancelReason.valueOf(reason)),
                Rows.bool(row, "refund_requested"), Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }

    private static List<OrderLine> items(String json) {
        try {
            return Json.MAPPER.readValue(json, ITEMS).stream()
                    .map(item -> new OrderLine(UUID.fromString(item.productId()), item.name(), item.quantity(),
                            item.unitPrice()))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("the items of an order do not read back", e);
        }
    }

    /** The changes a locked order allows, in the transaction that holds its row. */
    private static final class Locked implements LockedOrder {
        private final DbTransaction tx;
        private final Order order;

        Locked(DbTransaction tx, Order order) {
            this.tx = tx;
            this.order = order;
        }

        @Override
        public Order order() {
            return order;
        }

        @Override
        public Order markPaid(UUID paymentId) {
            return changed(tx.createNamedGet("mark-paid").addParam("id", order.id()).addParam("payment_id", paymentId),
                    OrderStatus.PAID, Optional.of(paymentId), order.cancelReason());
        }

        @Override
        public Order cancel(CancelReason reason) {
            return changed(tx.createNamedGet("cancel-order").addParam("id", order.id()).addParam("reason", reason.name()),
                    OrderStatus.CANCELLED, order.paymentId(), Optional.of(reason));
        }

        @Override
        public void requestRefund() {
            tx.createNamedUpdate("request-refund").addParam("id", order.id()).execute();
        }

        @Override
        public void withdrawRefundRequest() {
            tx.createNamedUpdate("withdraw-refund-request").addParam("id", order.id()).execute();
        }

        @Override
        public Order refunded() {
            return changed(tx.createNamedGet("refund-order").addParam("id", order.id()), OrderStatus.REFUNDED,
                    order.paymentId(), Optional.of(CancelReason.USER));
        }

        /** The locked order as {@code update} changed it: the row is held, so only its change time is read back. */
        private Order changed(DbStatementGet update, OrderStatus status, Optional<UUID> payment,
                              Optional<CancelReason> reason) {
            Instant at = update.execute().map(row -> Rows.instant(row, "updated_at")).orElseThrow(() ->
                    new IllegalStateException("order " + order.id() + " changed under its lock"));
            return order.changed(status, payment, reason, at);
        }
    }

    /** An order being placed, in the transaction that holds its row. */
    private static final class Placing implements PlacingOrder {
        private final DbTransaction tx;
        private final UUID id;
        private final Optional<Order> placed;

        Placing(DbTransaction tx, UUID id, Optional<Order> placed) {
            this.tx = tx;
            this.id = id;
            this.placed = placed;
        }

        @Override
        public UUID id() {
            return id;
        }

        @Override
        public Optional<Order> placed() {
            return placed;
        }

        @Override
        public Order price(List<OrderLine> lines, long total) {
            return tx.createNamedGet("price-order")
                    .addParam("id", id)
                    .addParam("items", pricedJson(lines))
                    .addParam("total", total)
                    .addParam("lines", lines.size())
                    .execute()
                    .map(OrderRepository::order)
                    .orElseThrow(() -> new IllegalStateException("order " + id
                            + " was not priced: its lines are not the ones stored"));
        }

        @Override
        public void discard() {
            tx.createNamedDelete("discard-order").addParam("id", id).execute();
        }
    }
}

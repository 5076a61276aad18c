package dev.meshmall.checkout.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.checkout.biz.Checkout;
import dev.meshmall.checkout.biz.CheckoutState;
import dev.meshmall.checkout.biz.CheckoutStore;
import dev.meshmall.checkout.biz.Draft;
import dev.meshmall.checkout.biz.Kind;
import dev.meshmall.checkout.biz.Move;
import dev.meshmall.checkout.biz.OrderStatus;
import dev.meshmall.checkout.biz.PaymentStatus;
import dev.meshmall.platform.db.Rows;
import dev.meshmall.platform.http.Json;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/**
 * {@code checkout.checkouts} and its journal {@code checkout.steps}, through the named statements of
 * {@code application.yaml}. Every move is one statement: the state changes only from the state it starts
 * from, and the journal line is written with it.
 */
public final class CheckoutRepository implements CheckoutStore {
    private final DbClient db;

    public CheckoutRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public Started start(UUID owner, String idempotencyKey, String requestHash, Kind kind, boolean paysNow,
                         Optional<UUID> orderId) {
        DbRow row = db.execute().createNamedGet("start-checkout")
                .addParam("user_id", owner)
                .addParam("idempotency_key", idempotencyKey)
                .addParam("request_hash", requestHash)
                .addParam("kind", kind.name())
                .addParam("pays_now", paysNow)
                .addParam("order_id", orderId.map(UUID::toString).orElse(""))
                .execute()
                .orElseThrow(() -> new IllegalStateException("start-checkout answered no row"));
        return new Started(checkout(row), Rows.bool(row, "created"));
    }

    @Override
    public Optional<Checkout> find(UUID id) {
        return db.execute().createNamedGet("checkout").addParam("id", id).execute().map(CheckoutRepository::checkout);
    }

    @Override
    public Optional<Checkout> advance(Checkout current, Move move, String actor) {
        Optional<Draft> draft = move.draft().or(current::draft);
        return db.execute().createNamedGet("advance")
                .addParam("id", current.id())
                .addParam("from", current.state().name())
                .addParam("to", move.to().name())
                .addParam("draft", move.draft().map(CheckoutRepository::json).orElse(""))
                .addParam("order_id", move.orderId().map(UUID::toString).orElse(""))
                .addParam("payment_id", move.paymentId().map(UUID::toString).orElse(""))
                .addParam("payment_status", move.paymentStatus().map(Enum::name).orElse(""))
                .addParam("decline_code", move.declineCode())
                .addParam("order_status", move.orderStatus().map(Enum::name).orElse(""))
                .addParam("failure_kind", move.failure().map(Checkout.Failure::kind).orElse(""))
                .addParam("failure_code", move.failure().map(Checkout.Failure::code).orElse(""))
                .addParam("failure_detail", move.failure().map(Checkout.Failure::detail).orElse(""))
                .addParam("actor", actor)
                .execute()
                .map(row -> checkout(row, draft));
    }

    @Override
    public void discard(UUID id, CheckoutState state) {
        db.execute().createNamedDelete("discard").addParam("id", id).addParam("state", state.name()).execute();
    }

    @Override
    public boolean claim(UUID id, Duration staleAfter) {
        return db.execute().createNamedGet("claim")
                .addParam("id", id)
                .addParam("stale_ms", staleAfter.toMillis())
                .execute()
                .isPresent();
    }

    @Override
    public List<Checkout> claimStale(Duration staleAfter, Duration abandonAfter, int limit) {
        return Rows.all(db.execute().createNamedQuery("claim-stale")
                .addParam("stale_ms", staleAfter.toMillis())
                .addParam("abandon_ms", abandonAfter.toMillis())
                .addParam("limit", limit), CheckoutRepository::checkout);
    }

    private static Checkout checkout(DbRow row) {
        String draft = Rows.text(row, "draft");
        return checkout(row, draft.isEmpty() ? Optional.empty() : Optional.of(draft(draft)));
    }

    private static Checkout checkout(DbRow row, Optional<Draft> draft) {
        String failureKind = Rows.text(row, "failure_kind");
        return new Checkout(Rows.uuid(row, "id"), Rows.uuid(row, "user_id"), Kind.valueOf(Rows.text(row, "kind")),
                CheckoutState.valueOf(Rows.text(row, "state")), Rows.text(row, "request_hash"),
                Rows.bool(row, "pays_now"),
                draft,
                optionalId(Rows.text(row, "order_id")), optionalId(Rows.text(row, "payment_id")),
                optional(Rows.text(row, "payment_status")).map(PaymentStatus::valueOf),
                Rows.text(row, "decline_code"),
                optional(Rows.text(row, "order_status")).map(OrderStatus::valueOf),
                failureKind.isEmpty() ? Optional.empty() : Optional.of(new Checkout.Failure(failureKind,
                        Rows.text(row, "failure_code"), Rows.text(row, "failure_detail"))));
    }

    private static Optional<String> optional(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static Optional<UUID> optionalId(String text) {
        return optional(text).map(UUID::fromString);
    }

    private static String json(Draft draft) {
        return new String(Json.write(draft), StandardCharsets.UTF_8);
    }

    private static Draft draft(String json) {
        try {
            return Json.MAPPER.readValue(json, Draft.class);
        } catch (IOException e) {
            throw new IllegalStateException("the draft of a checkout does not read back", e);
        }
    }
}

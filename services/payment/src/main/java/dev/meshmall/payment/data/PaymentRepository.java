package dev.meshmall.payment.data;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.meshmall.payment.biz.Actor;
import dev.meshmall.payment.biz.LockedPayment;
import dev.meshmall.payment.biz.Money;
import dev.meshmall.payment.biz.NewPayment;
import dev.meshmall.payment.biz.Payment;
import dev.meshmall.payment.biz.PaymentStatus;
import dev.meshmall.payment.biz.PaymentStore;
import dev.meshmall.platform.db.Rows;
import dev.meshmall.platform.db.Transactions;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbStatement;
import io.helidon.dbclient.DbTransaction;

/**
 * {@code payments.payments} and its ledger {@code payments.payment_events} through the named statements of
 * {@code application.yaml}; each change of status and its ledger row are one statement.
 */
public final class PaymentRepository implements PaymentStore {
    private static final UUID NOBODY = new UUID(0, 0);

    private final DbClient db;

    public PaymentRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public Optional<UUID> open(NewPayment payment) {
        return db.execute().createNamedGet("open-payment")
                .addParam("user_id", payment.owner())
                .addParam("idempotency_key", payment.idempotencyKey())
                .addParam("order_id", payment.orderId())
                .addParam("amount", payment.amount().amount())
                .addParam("currency", payment.amount().currency())
                .addParam("card_brand", payment.card().brand())
                .addParam("card_last4", payment.card().last4())
                .addParam("card_token", payment.card().token().orElse(""))
                .execute()
                .map(row -> Rows.uuid(row, "id"));
    }

    @Override
    public Optional<UUID> abandon(UUID owner, String idempotencyKey, UUID orderId, Money amount) {
        return db.execute().createNamedGet("abandon-charge")
                .addParam("user_id", owner)
                .addParam("idempotency_key", idempotencyKey)
                .addParam("order_id", orderId)
                .addParam("amount", amount.amount())
                .addParam("currency", amount.currency())
                .execute()
                .map(row -> Rows.uuid(row, "id"));
    }

    @Override
    public Optional<Payment> findByKey(UUID owner, String idempotencyKey) {
        return db.execute().createNamedGet("payment-by-key")
                .addParam("user_id", owner)
                .addParam("idempotency_key", idempotencyKey)
                .execute()
                .map(PaymentRepository::payment);
    }

    @Override
    public Optional<Payment> find(UUID id, Actor actor) {
        return actingAs(db.execute().createNamedGet("payment").addParam("id", id), actor).execute()
                .map(PaymentRepository::payment);
    }

    @Override
    public <T> Optional<T> withLocked(UUID id, Actor actor, Function<LockedPayment, T> work) {
        return Transactions.inTransaction(db, tx -> {
            Optional<Payment> payment = actingAs(tx.createNamedGet("lock-payment").addParam("id", id), actor)
                    .execute()
                    .map(PaymentRepository::payment);
            return payment.map(p -> work.apply(new Locked(tx, p)));
        });
    }

    @Override
    public List<UUID> cancelStale(Duration age, int limit) {
        return Rows.all(db.execute().createNamedQuery("cancel-stale")
                .addParam("age_ms", age.toMillis())
                .addParam("limit", limit), row -> Rows.uuid(row, "id"));
    }

    private static <S extends DbStatement<S>> S actingAs(S statement, Actor actor) {
        return switch (actor) {
            case Actor.User user -> statement.addParam("anyone", false).addParam("owner", user.id());
            case Actor.System system -> statement.addParam("anyone", true).addParam("owner", NOBODY);
        };
    }

    private static Payment payment(DbRow row) {
        return new Payment(Rows.uuid(row, "id"), Rows.uuid(row, "user_id"), Rows.uuid(row, "order_id"),
                PaymentStatus.valueOf(Rows.text(row, "status")),
                new Money(Rows.number(row, "amount"), Rows.text(row, "currency")),
                Rows.text(row, "decline_code"), Rows.text(row, "card_brand"), Rows.text(row, "card_last4"),
                Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }

    /** The changes a locked payment allows, in the transaction that holds its row. */
    private static final class Locked implements LockedPayment {
        private final DbTransaction tx;
        private final Payment payment;

        Locked(DbTransaction tx, Payment payment) {
            this.tx = tx;
            this.payment = payment;
        }

        @Override
        public Payment payment() {
            return payment;
        }

        @Override
        public Payment move(PaymentStatus to, String declineCode, String cause, Optional<String> refundKey) {
            return tx.createNamedGet("move-payment")
                    .addParam("id", payment.id())
                    .addParam("from_status", payment.status().name())
                    .addParam("to_status", to.name())
                    .addParam("decline_code", declineCode)
                    .addParam("refund_key", refundKey.orElse(""))
                    .addParam("cause", cause)
                    .execute()
                    .map(PaymentRepository::payment)
                    .orElseThrow(() -> new IllegalStateException("payment " + payment.id() + " left "
                            + payment.status() + " while its row was locked"));
        }
    }
}

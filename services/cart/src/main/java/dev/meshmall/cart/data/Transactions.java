package dev.meshmall.cart.data;

import java.util.function.Function;
import java.util.function.Predicate;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;

/** Several statements that succeed or fail together. */
final class Transactions {
    private Transactions() {
    }

    static <T> T inTransaction(DbClient db, Function<DbTransaction, T> work) {
        return inTransaction(db, work, result -> true);
    }

    /** Commits when {@code keep} accepts the result, else rolls back: a refused change leaves nothing behind. */
    static <T> T inTransaction(DbClient db, Function<DbTransaction, T> work, Predicate<T> keep) {
        DbTransaction tx = db.transaction();
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException e) {
            try {
                tx.rollback();
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        if (keep.test(result)) {
            tx.commit();
        } else {
            tx.rollback();
        }
        return result;
    }
}

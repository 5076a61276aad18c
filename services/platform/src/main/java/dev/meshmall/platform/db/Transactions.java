package dev.meshmall.platform.db;

import java.util.function.Function;
import java.util.function.Predicate;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;

/** Several statements that succeed or fail together. */
public final class Transactions {
    private Transactions() {
    }

    /** Commits what {@code work} did, or rolls it back if it throws. */
    public static <T> T inTransaction(DbClient db, Function<DbTransaction, T> work) {
        return inTransaction(db, work, result -> true);
    }

    /** As above, and rolls back when {@code keep} refuses the result: a refused change leaves nothing behind. */
    public static <T> T inTransaction(DbClient db, Function<DbTransaction, T> work, Predicate<T> keep) {
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

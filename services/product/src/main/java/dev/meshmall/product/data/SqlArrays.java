package dev.meshmall.product.data;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Lists as Postgres array literals ({@code {"a","b"}}), which the statements cast to {@code uuid[]},
 * {@code int[]} or {@code text[]}: the JDBC layer under DbClient binds no arrays. Every element is quoted and
 * escaped, so it may hold anything (a currency code the caller sent, say); the quotes keep a slug like
 * {@code null} from reading as NULL.
 */
final class SqlArrays {
    private SqlArrays() {
    }

    static String of(Collection<?> values) {
        return values.stream().map(SqlArrays::quoted).collect(Collectors.joining(",", "{", "}"));
    }

    /** As {@link #of}, an absent value as NULL. */
    static String ofOptional(Collection<? extends Optional<?>> values) {
        return values.stream()
                .map(value -> value.map(SqlArrays::quoted).orElse("NULL"))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quoted(Object value) {
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

package dev.meshmall.product.data;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Lists as Postgres array literals ({@code {"a","b"}}), which the statements cast to {@code uuid[]},
 * {@code int[]} or {@code text[]}: the JDBC layer under DbClient binds no arrays. Only values that cannot hold
 * a quote or a backslash go through here (UUIDs, numbers, slugs); the quotes keep a slug like {@code null}
 * from reading as NULL.
 */
final class SqlArrays {
    private SqlArrays() {
    }

    static String of(Collection<?> values) {
        return values.stream().map(value -> "\"" + value + "\"").collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * As {@link #of}, an absent value as NULL; a present one is escaped, so it may hold anything (a currency
     * code the caller sent, say).
     */
    static String ofOptional(Collection<? extends Optional<?>> values) {
        return values.stream()
                .map(value -> value.map(v -> "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                        .orElse("NULL"))
                .collect(Collectors.joining(",", "{", "}"));
    }
}

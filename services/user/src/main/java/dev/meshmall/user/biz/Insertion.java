package dev.meshmall.user.biz;

/** What saving one more item for an owner gave: the item, no room left, or no such (live) owner. */
public sealed interface Insertion<T> {
    record Inserted<T>(T value) implements Insertion<T> {
    }

    record LimitReached<T>() implements Insertion<T> {
    }

    record OwnerGone<T>() implements Insertion<T> {
    }
}

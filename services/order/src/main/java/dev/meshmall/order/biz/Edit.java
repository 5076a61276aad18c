package dev.meshmall.order.biz;

/** What changing an order's email or address gave. */
public sealed interface Edit {
    record Edited(Order order) implements Edit {
    }

    /** The order is no longer awaiting payment, so it stays as it is. */
    record NotEditable(Order order) implements Edit {
    }

    record Missing() implements Edit {
    }
}

package dev.meshmall.cart.biz;

/** What adding to a cart gave. */
public sealed interface Addition {
    /** The line was added or increased. */
    record Added() implements Addition {
    }

    /** The idempotency key was applied before: nothing more was added. */
    record Repeated() implements Addition {
    }

    /** The line would pass the largest quantity; {@code inCart} is what it holds now. */
    record OverLimit(int inCart) implements Addition {
    }

    /** A new line would pass the most distinct products a cart holds. */
    record CartFull() implements Addition {
    }
}

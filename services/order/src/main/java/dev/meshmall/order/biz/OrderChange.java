package dev.meshmall.order.biz;

import java.util.Optional;

/** What a shopper changes in an unpaid order; an empty part stays as it is. */
public record OrderChange(Optional<String> email, Optional<Address> address) {
}

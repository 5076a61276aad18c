package dev.meshmall.checkout.biz;

/** Where the order goes: one of the shopper's saved addresses, or one typed in. */
public sealed interface AddressChoice {
    record Saved(String addressId) implements AddressChoice {
    }

    record Typed(Address address) implements AddressChoice {
    }
}

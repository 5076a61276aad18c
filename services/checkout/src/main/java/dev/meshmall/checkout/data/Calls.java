package dev.meshmall.checkout.data;

import dev.meshmall.checkout.biz.Address;
import dev.meshmall.checkout.biz.Money;

/** The messages the clients share. */
final class Calls {
    private Calls() {
    }

    static Money money(dev.meshmall.proto.common.v1.Money money) {
        return new Money(money.getAmount(), money.getCurrency());
    }

    static dev.meshmall.proto.common.v1.Money money(Money money) {
        return dev.meshmall.proto.common.v1.Money.newBuilder()
                .setAmount(money.amount())
                .setCurrency(money.currency())
                .build();
    }

    static Address address(dev.meshmall.proto.common.v1.Address a) {
        return new Address(a.getName(), a.getStreetAddress(), a.getCity(), a.getState(), a.getCountry(),
                a.getZipCode(), a.getPhone());
    }

    static dev.meshmall.proto.common.v1.Address address(Address a) {
        return dev.meshmall.proto.common.v1.Address.newBuilder()
                .setName(a.name())
                .setStreetAddress(a.streetAddress())
                .setCity(a.city())
                .setState(a.state())
                .setCountry(a.country())
                .setZipCode(a.zipCode())
                .setPhone(a.phone())
                .build();
    }
}

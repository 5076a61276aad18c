package dev.meshmall.checkout.data;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.meshmall.checkout.biz.Address;
import dev.meshmall.checkout.biz.Money;
import dev.meshmall.platform.grpc.GrpcErrors;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;

/** What the clients share: a deadline on every call, the callee's error as ours, the common messages. */
final class Calls {
    /** Under the mesh the sidecar's timeout is shorter; this bounds a call made outside it. */
    static final long DEADLINE_SECONDS = 10;

    private Calls() {
    }

    static <S extends AbstractStub<S>> S deadline(S stub) {
        return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    static <T> T call(Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toDomain(e);
        }
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

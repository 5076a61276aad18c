package dev.meshmall.order.api;

import java.time.Instant;
import java.util.List;

import dev.meshmall.order.biz.Address;
import dev.meshmall.order.biz.Money;
import dev.meshmall.order.biz.Order;
import dev.meshmall.order.biz.OrderLine;
import dev.meshmall.platform.page.Page;

/** The JSON shapes of the REST API (snake_case on the wire). A field absent from a request is null here. */
final class Bodies {
    private Bodies() {
    }

    record AddressBody(String name, String streetAddress, String city, String state, String country, String zipCode,
                       String phone) {
        static AddressBody of(Address a) {
            return new AddressBody(a.name(), a.streetAddress(), a.city(), a.state(), a.country(), a.zipCode(),
                    a.phone());
        }

        Address toAddress() {
            return new Address(Requests.text(name), Requests.text(streetAddress), Requests.text(city),
                    Requests.text(state), Requests.text(country), Requests.text(zipCode), Requests.text(phone));
        }
    }

    record OrderPatch(String email, AddressBody address) {
    }

    record ItemView(String productId, String name, int quantity, Money unitPrice, Money cost) {
        static ItemView of(OrderLine line, String currency) {
            return new ItemView(line.productId().toString(), line.name(), line.quantity(),
                    new Money(line.unitPrice(), currency), new Money(line.cost(), currency));
        }
    }

    /** An order; {@code name} is the recipient, also in the address. Payment id and reason are null when unset. */
    record OrderView(String id, String status, List<ItemView> items, Money total, String email, String name,
                     AddressBody address, String paymentId, String cancelReason, Instant createdAt,
                     Instant updatedAt) {
        static OrderView of(Order order) {
            return new OrderView(order.id().toString(), order.status().name(),
                    order.items().stream().map(line -> ItemView.of(line, order.currency())).toList(),
                    order.totalMoney(), order.email(), order.address().name(), AddressBody.of(order.address()),
                    order.paymentId().map(Object::toString).orElse(null),
                    order.cancelReason().map(Enum::name).orElse(null), order.createdAt(), order.updatedAt());
        }
    }

    record PageView<T>(List<T> items, int page, int size, long total) {
        static <T> PageView<T> of(Page<T> page) {
            return new PageView<>(page.items(), page.page(), page.size(), page.total());
        }
    }
}

package dev.meshmall.order.biz;

/**
 * Where an order is shipped, copied into the order. {@code name} is the recipient; optional parts are
 * {@code ""} when absent, as in the gRPC contract.
 */
public record Address(String name, String streetAddress, String city, String state, String country,
                      String zipCode, String phone) {
}

package dev.meshmall.user.biz;

/** A postal address for shipping. Optional parts are {@code ""} when absent, as in the gRPC contract. */
public record Address(String name, String streetAddress, String city, String state, String country,
                      String zipCode, String phone) {
}

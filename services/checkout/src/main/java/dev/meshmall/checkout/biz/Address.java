package dev.meshmall.checkout.biz;

/** A shipping address as the order copies it. */
public record Address(String name, String streetAddress, String city, String state, String country, String zipCode,
                      String phone) {
}

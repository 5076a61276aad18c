package dev.meshmall.checkout.biz;

/** What a checkout row stands for: buying the cart, or paying an order placed earlier without a card. */
public enum Kind {
    CHECKOUT,
    PAY
}

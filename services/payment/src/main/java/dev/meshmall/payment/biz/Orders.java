package dev.meshmall.payment.biz;

import java.util.UUID;

/** The order service, which payment asks for the facts of an order before any money moves. */
public interface Orders {
    /** As the caller, with their token: NOT_FOUND when the order is absent or not theirs. */
    Order callersOrder(UUID orderId);

    /** As payment itself, whoever called payment: NOT_FOUND when the order is absent. */
    Order anyOrder(UUID orderId);
}

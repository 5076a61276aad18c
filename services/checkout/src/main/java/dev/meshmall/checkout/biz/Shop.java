package dev.meshmall.checkout.biz;

import java.util.List;
import java.util.UUID;

/**
 * The services a checkout calls. Calls marked "as the shopper" forward the shopper's token and work only inside
 * the shopper's request; the others are system calls, which the recovery job can make too. Each throws the
 * callee's DomainError (NOT_FOUND, INVALID...) or UNAVAILABLE when it cannot be reached.
 */
public final class Shop {
    /** user: the shopper's saved addresses and cards. */
    public interface Accounts {
        /** As the shopper. NOT_FOUND: absent or another user's. */
        Address address(String addressId);

        /** As the shopper: the card exists and is theirs. NOT_FOUND otherwise. */
        void requireCard(String cardId);
    }

    /** cart. */
    public interface Carts {
        /** As the shopper: the cart's lines. */
        List<CartLine> read();

        /** As the shopper: removes the quantities bought; a repeat with the same key removes nothing more. */
        void remove(UUID key, List<CartLine> bought);
    }

    /** product. */
    public interface Catalog {
        /** The current prices of the products, in one call. */
        Prices prices(List<String> productIds);
    }

    /** order. */
    public interface Orders {
        /**
         * As the shopper, keyed: the order placed with its stock reserved, priced by order from the catalog at
         * the draft's prices; or the shortages, or the prices that changed since the draft was priced.
         */
        Placement place(UUID key, Draft draft);

        /** As the shopper. NOT_FOUND: absent or another user's. */
        PlacedOrder find(String orderId);

        /** System: false when the order can no longer be paid (cancelled meanwhile). Idempotent. */
        boolean markPaid(UUID orderId, UUID paymentId);

        /** System: cancels an unpaid order for a failed payment and releases its stock. Idempotent. */
        void cancelForFailedPayment(UUID orderId);
    }

    /** payment. */
    public interface Payments {
        /**
         * As the shopper, keyed: the order's total as payment reads it from order, refused unless it is
         * {@code amount}; a decline is an answer, an invalid or foreign card an error.
         */
        ChargeResult charge(UUID key, UUID orderId, Money amount, PaymentChoice source);

        /** System. */
        ChargeResult find(UUID paymentId);

        /**
         * System, for a charge sent without its answer recorded: the payment made under the shopper's key, or,
         * if the charge never arrived, a CANCELLED payment that spends the key so a late charge takes nothing.
         */
        ChargeResult abandon(UUID key, UUID owner, UUID orderId, Money amount);

        /** System: voids a pending payment. */
        ChargeResult cancel(UUID paymentId, UUID key);

        /** System: gives a succeeded payment back, once per key. */
        void refund(UUID paymentId, UUID key);
    }

    private Shop() {
    }
}

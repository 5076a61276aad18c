package dev.meshmall.checkout.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.meshmall.checkout.biz.Address;
import dev.meshmall.checkout.biz.AddressChoice;
import dev.meshmall.checkout.biz.Card;
import dev.meshmall.checkout.biz.Money;
import dev.meshmall.checkout.biz.PaymentChoice;
import dev.meshmall.checkout.biz.PricedItem;
import dev.meshmall.checkout.biz.Receipt;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

/** The JSON shapes of the REST API (snake_case on the wire). A field absent from a request is null here. */
final class Bodies {
    private Bodies() {
    }

    record AddressBody(String name, String streetAddress, String city, String state, String country, String zipCode,
                       String phone) {
        Address toAddress() {
            return new Address(Requests.text(name), Requests.text(streetAddress), Requests.text(city),
                    Requests.text(state), Requests.text(country), Requests.text(zipCode), Requests.text(phone));
        }
    }

    /** A card typed in; its toString never shows the number or the CVV. */
    record CardBody(String number, int expMonth, int expYear, String cvv, String holderName) {
        Card toCard() {
            return new Card(Requests.text(number), expMonth, expYear, Requests.text(cvv), Requests.text(holderName));
        }

        @Override
        public String toString() {
            return toCard().toString();
        }
    }

    record CheckoutBody(String addressId, AddressBody address, String cardId, CardBody card, String email) {
        Optional<AddressChoice> addressChoice() {
            if (addressId != null && address != null) {
                throw DomainError.invalid("address", "give address_id or address, not both");
            }
            if (addressId != null) {
                return Optional.of(new AddressChoice.Saved(addressId));
            }
            return Optional.ofNullable(address).map(a -> new AddressChoice.Typed(a.toAddress()));
        }

        Optional<PaymentChoice> paymentChoice() {
            return Bodies.paymentChoice(cardId, card);
        }
    }

    record PayBody(String cardId, CardBody card) {
        Optional<PaymentChoice> paymentChoice() {
            return Bodies.paymentChoice(cardId, card);
        }
    }

    static Optional<PaymentChoice> paymentChoice(String cardId, CardBody card) {
        if (cardId != null && card != null) {
            throw DomainError.invalid("card", "give card_id or card, not both");
        }
        if (cardId != null) {
            return Optional.of(new PaymentChoice.SavedCard(cardId));
        }
        return Optional.ofNullable(card).map(c -> new PaymentChoice.TypedCard(c.toCard()));
    }

    record ItemView(String productId, String name, int quantity, Money unitPrice, Money lineTotal) {
        static ItemView of(PricedItem item, String currency) {
            return new ItemView(item.productId(), item.name(), item.quantity(), new Money(item.unitPrice(), currency),
                    new Money(item.lineTotal(), currency));
        }
    }

    /** The answer of a checkout or a payment; payment fields are null when no payment was attempted. */
    record ReceiptView(String orderId, String paymentId, String status, Money total, List<ItemView> items,
                       String paymentStatus, String declineCode) {
        static ReceiptView of(Receipt receipt) {
            return new ReceiptView(receipt.orderId().toString(),
                    receipt.paymentId().map(Object::toString).orElse(null), receipt.status().name(), receipt.total(),
                    receipt.items().stream().map(item -> ItemView.of(item, receipt.total().currency())).toList(),
                    receipt.paymentStatus().map(Enum::name).orElse(null),
                    receipt.declineCode().isEmpty() ? null : receipt.declineCode());
        }
    }

    /** A declined card as the 402 problem: the decline code is the problem's code; the order is named. */
    static DomainError declined(Receipt receipt) {
        String code = receipt.declineCode().isEmpty() ? "card_declined" : receipt.declineCode();
        return new DomainError(ErrorKind.PAYMENT_DECLINED, code, "the card was declined (" + code + "); the order is "
                + receipt.status().name(), Map.of(
                "decline_code", code,
                "order_id", receipt.orderId().toString(),
                "payment_id", receipt.paymentId().map(Object::toString).orElse(""),
                "order_status", receipt.status().name()));
    }
}

package dev.meshmall.checkout.biz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.meshmall.platform.card.CardNumber;
import dev.meshmall.platform.card.CardRules;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.text.Emails;

/**
 * What a request must be before anything is recorded or sent, and its fingerprint. A card typed in is checked
 * here as payment would (Luhn, expiry, CVV), so an unusable card changes nothing at all. The fingerprint tells
 * a retry from a reuse of the key; it takes a typed card by its last 4 digits and expiry only, so no number
 * or CVV can be recovered from it.
 */
public final class CheckoutRules {
    public static final int MAX_KEY_LENGTH = 255;

    private final CardRules cards;

    public CheckoutRules(Clock clock) {
        this.cards = new CardRules(clock);
    }

    /** The request with its card number and email in their canonical forms. */
    public CheckoutRequest check(CheckoutRequest request) {
        checkKey(request.idempotencyKey());
        if (request.address().isEmpty()) {
            throw DomainError.invalid("address", "address_id or address is required");
        }
        return new CheckoutRequest(request.idempotencyKey(), request.address(), request.payment().map(this::check),
                Emails.normalize("email", request.email()));
    }

    public PayRequest check(PayRequest request) {
        checkKey(request.idempotencyKey());
        PaymentChoice payment = request.payment()
                .orElseThrow(() -> DomainError.invalid("card", "card_id or card is required"));
        return new PayRequest(request.idempotencyKey(), request.orderId(), Optional.of(check(payment)));
    }

    public static String fingerprint(CheckoutRequest request) {
        String address = request.address().map(choice -> switch (choice) {
            case AddressChoice.Saved saved -> "saved:" + saved.addressId();
            case AddressChoice.Typed typed -> "typed:" + typed.address();
        }).orElse("");
        return sha256(List.of(Kind.CHECKOUT.name(), address, payment(request.payment()), request.email()));
    }

    public static String fingerprint(PayRequest request) {
        return sha256(List.of(Kind.PAY.name(), request.orderId(), payment(request.payment())));
    }

    private static String payment(Optional<PaymentChoice> choice) {
        return choice.map(c -> switch (c) {
            case PaymentChoice.SavedCard saved -> "saved:" + saved.cardId();
            case PaymentChoice.TypedCard typed -> "typed:" + typed.card().last4() + ":" + typed.card().expMonth()
                    + "/" + typed.card().expYear() + ":" + typed.card().holderName();
        }).orElse("none");
    }

    private static void checkKey(String key) {
        if (key.isBlank()) {
            throw new DomainError(ErrorKind.MALFORMED, "idempotency_key_required",
                    "an Idempotency-Key is required", Map.of("field", "idempotency_key"));
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw DomainError.invalid("idempotency_key", "the Idempotency-Key is longer than " + MAX_KEY_LENGTH);
        }
    }

    private PaymentChoice check(PaymentChoice choice) {
        return switch (choice) {
            case PaymentChoice.SavedCard saved -> {
                if (saved.cardId().isBlank()) {
                    throw DomainError.invalid("card_id", "card_id is empty");
                }
                yield saved;
            }
            case PaymentChoice.TypedCard typed -> new PaymentChoice.TypedCard(check(typed.card()));
        };
    }

    private Card check(Card card) {
        CardNumber number = CardNumber.parse("card.number", card.number());
        cards.checkExpiry("card.", card.expMonth(), card.expYear());
        cards.checkCvv("card.", card.cvv());
        return new Card(number.digits(), card.expMonth(), card.expYear(), card.cvv(), card.holderName().strip());
    }

    private static String sha256(List<String> parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

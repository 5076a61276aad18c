package dev.meshmall.payment.biz;

import dev.meshmall.platform.card.CardNumber;

/**
 * What the simulated processor answers for a card. A Luhn-valid, unexpired card is approved, except the
 * test numbers {@value #DECLINED_NUMBER} (declined) and {@value #INSUFFICIENT_FUNDS_NUMBER}.
 */
public enum Outcome {
    APPROVE(PaymentStatus.SUCCEEDED, ""),
    CARD_DECLINED(PaymentStatus.DECLINED, "card_declined"),
    INSUFFICIENT_FUNDS(PaymentStatus.DECLINED, "insufficient_funds");

    public static final String DECLINED_NUMBER = "4000000000000002";
    public static final String INSUFFICIENT_FUNDS_NUMBER = "4000000000009995";

    private final PaymentStatus status;
    private final String declineCode;

    Outcome(PaymentStatus status, String declineCode) {
        this.status = status;
        this.declineCode = declineCode;
    }

    public static Outcome forNumber(CardNumber number) {
        return switch (number.digits()) {
            case DECLINED_NUMBER -> CARD_DECLINED;
            case INSUFFICIENT_FUNDS_NUMBER -> INSUFFICIENT_FUNDS;
            default -> APPROVE;
        };
    }

    public PaymentStatus status() {
        return status;
    }

    /** Empty unless declined. */
    public String declineCode() {
        return declineCode;
    }
}

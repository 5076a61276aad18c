package dev.meshmall.payment.data;

import java.time.Duration;
import java.util.function.Supplier;

import dev.meshmall.payment.biz.ChargeableCard;
import dev.meshmall.payment.biz.Money;
import dev.meshmall.payment.biz.Outcome;
import dev.meshmall.payment.biz.Processor;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

/**
 * The stand-in for a card network: answers what the card's outcome says, after {@code payment.processing-delay}
 * (read at every charge), so tests and load tests can make it slow.
 */
public final class SimulatedProcessor implements Processor {
    private final Supplier<Duration> delay;

    public SimulatedProcessor(Supplier<Duration> delay) {
        this.delay = delay;
    }

    @Override
    public Outcome charge(ChargeableCard card, Money amount) {
        Duration wait = delay.get();
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DomainError(ErrorKind.UNAVAILABLE, "processor_unavailable",
                        "the processor did not answer; the payment stays pending");
            }
        }
        return card.outcome();
    }
}

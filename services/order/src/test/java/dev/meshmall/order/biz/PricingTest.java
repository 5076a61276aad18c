package dev.meshmall.order.biz;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An order is priced from product's reservation, line by line in the order asked, and from nothing else. */
class PricingTest {
    private static final UUID LAMP = UUID.randomUUID();
    private static final UUID BULB = UUID.randomUUID();

    @Test
    void theLinesTakeTheReservedNamesAndPricesInTheOrderAsked() {
        NewOrder order = order(new RequestedLine(LAMP, 2, Optional.of(usd(2_499))),
                new RequestedLine(BULB, 3, Optional.empty()));

        List<OrderLine> lines = OrderRules.price(order, List.of(
                new ReservedLine(BULB, "Bulb", 3, usd(350)), new ReservedLine(LAMP, "Desk lamp", 2, usd(2_499))));

        assertThat(lines, is(List.of(new OrderLine(LAMP, "Desk lamp", 2, 2_499), new OrderLine(BULB, "Bulb", 3, 350))));
        assertThat(OrderRules.total(lines), is(2 * 2_499L + 3 * 350L));
    }

    @Test
    void aReservationThatIsNotTheOrdersPricesNothing() {
        NewOrder order = order(new RequestedLine(LAMP, 2, Optional.of(usd(2_499))));

        for (List<ReservedLine> answer : List.of(
                List.<ReservedLine>of(),
                List.of(new ReservedLine(LAMP, "Desk lamp", 2, usd(1))),
                List.of(new ReservedLine(LAMP, "Desk lamp", 2, new Money(2_499, "EUR"))),
                List.of(new ReservedLine(LAMP, "Desk lamp", 1, usd(2_499))),
                List.of(new ReservedLine(BULB, "Bulb", 2, usd(2_499))),
                List.of(new ReservedLine(LAMP, "Desk lamp", 2, usd(2_499)), new ReservedLine(BULB, "Bulb", 1, usd(1))))) {
            DomainError refused = assertThrows(DomainError.class, () -> OrderRules.price(order, answer));
            assertThat(answer.toString(), refused.kind(), is(ErrorKind.INTERNAL));
            assertThat(refused.code(), is("reservation_mismatch"));
        }
    }

    private static NewOrder order(RequestedLine... lines) {
        return new NewOrder(UUID.randomUUID(), "key", "hash", List.of(lines), "USD", "ada@example.com",
                new Address("", "1 Main St", "Springfield", "", "US", "", ""));
    }

    private static Money usd(long amount) {
        return new Money(amount, "USD");
    }
}

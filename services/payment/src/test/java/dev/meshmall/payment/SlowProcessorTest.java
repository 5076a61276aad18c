package dev.meshmall.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.meshmall.payment.PaymentStack.Shopper;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.payment.v1.ChargeRequest;
import dev.meshmall.proto.payment.v1.Payment;
import dev.meshmall.proto.payment.v1.PaymentStatus;
import dev.meshmall.testing.Concurrently;

import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.payment.PaymentStack.GOOD_NUMBER;
import static dev.meshmall.payment.PaymentStack.charge;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** While the processor takes its time, repeats and cancels wait for its answer instead of acting beside it. */
class SlowProcessorTest {
    private static PaymentStack stack;

    @BeforeAll
    static void start() {
        stack = PaymentStack.start(Map.of("payment.processing-delay", "PT1S"), Optional.empty());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void racingRepeatsOfAKeyAllAnswerTheProcessorsAnswer() throws Exception {
        Shopper ada = stack.newShopper();
        ChargeRequest request = stack.chargeRequest(ada, "4000000000009995", 8_000).build();

        List<Payment> answers = Concurrently.call(10, i -> stack.as(ada).charge(request));

        assertThat(Set.copyOf(answers).size(), is(1));
        assertThat(answers.getFirst().getStatus(), is(PaymentStatus.PAYMENT_STATUS_DECLINED));
        assertThat(answers.getFirst().getDeclineCode(), is("insufficient_funds"));
        assertThat(stack.ledger(answers.getFirst().getId()).size(), is(2));
    }

    @Test
    void aCancelDuringTheChargeWaitsForItsAnswer() throws Exception {
        Shopper ada = stack.newShopper();
        ChargeRequest request = stack.chargeRequest(ada, GOOD_NUMBER, 8_000).build();
        try (ExecutorService pool = Executors.newCachedThreadPool()) {
            Future<Payment> charging = pool.submit(() -> stack.as(ada).charge(request));
            Instant end = Instant.now().plus(Duration.ofSeconds(10));
            while (stack.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid() AND state = 'idle in transaction'"
                    + " AND pid IN (SELECT pid FROM pg_locks"
                    + " WHERE relation = CAST('payments.payments' AS regclass))") == 0) {
                if (Instant.now().isAfter(end)) {
                    throw new AssertionError("the charge did not reach the processor");
                }
                Thread.sleep(20);
            }
            String id = stack.rows("SELECT CAST(id AS text) FROM payments.payments WHERE order_id = CAST(? AS uuid)",
                    request.getOrderId()).getFirst().getFirst();

            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> stack.asSystem()
                    .cancelPayment(dev.meshmall.proto.payment.v1.CancelPaymentRequest.newBuilder().setPaymentId(id)
                            .setIdempotencyKey("checkout-compensating").build()));

            assertThat(GrpcErrors.code(refused), is("payment_succeeded"));
            assertThat(charging.get().getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
            assertThat(stack.ledger(id), is(List.of("null>PENDING charge", "PENDING>SUCCEEDED processor")));
        }
    }
}

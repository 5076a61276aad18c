package dev.meshmall.payment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import dev.meshmall.payment.PaymentStack.Replica;
import dev.meshmall.payment.PaymentStack.Shopper;
import dev.meshmall.payment.biz.StalePayments;
import dev.meshmall.proto.payment.v1.ChargeRequest;
import dev.meshmall.proto.payment.v1.Payment;
import dev.meshmall.proto.payment.v1.PaymentStatus;
import dev.meshmall.testing.Concurrently;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.meshmall.payment.PaymentStack.GOOD_NUMBER;
import static dev.meshmall.payment.PaymentStack.charge;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SweepTest {
    private static final String SWEPT = "cause=\"sweep\"";

    @Test
    void aChargeCutOffFromItsAnswerStaysPendingUntilTheSweepCancelsIt() throws Exception {
        Map<String, String> settings = Map.of("payment.processing-delay", "PT3S", "payment.pending-timeout", "PT0.3S");
        try (PaymentStack stack = PaymentStack.start(settings, Optional.empty());
             ExecutorService pool = Executors.newCachedThreadPool()) {
            Shopper ada = stack.newShopper();
            ChargeRequest request = stack.chargeRequest(ada, GOOD_NUMBER, 5_000).build();
            Future<Payment> charging = pool.submit(() -> stack.as(ada).charge(request));
            awaitTrue(Duration.ofSeconds(10), () -> waitingForTheProcessor(stack) == 1);
            Thread.sleep(400);

            assertThat("a charge waiting for the processor is left alone",
                    stack.paymentApp.stalePayments().cancelStale(), is(0));
            assertThat(stack.killChargesWaitingForTheProcessor(), is(1L));
            assertThrows(ExecutionException.class, charging::get);
            Payment pending = stack.as(ada).charge(request);
            double sweptBefore = stack.metric("meshmall_payment_cancelled_total", SWEPT);

            assertThat(pending.getStatus(), is(PaymentStatus.PAYMENT_STATUS_PENDING));
            assertThat(stack.paymentApp.stalePayments().cancelStale(), is(1));
            assertThat(stack.get(pending.getId()).getStatus(), is(PaymentStatus.PAYMENT_STATUS_CANCELLED));
            assertThat(stack.ledger(pending.getId()), is(List.of("null>PENDING charge", "PENDING>CANCELLED sweep")));
            assertThat(stack.metric("meshmall_payment_cancelled_total", SWEPT), is(sweptBefore + 1));
            assertThat("a repeat never charges", stack.as(ada).charge(request).getStatus(),
                    is(PaymentStatus.PAYMENT_STATUS_CANCELLED));
            assertThat("the order may be paid under a new key", stack.as(ada).charge(request.toBuilder()
                    .setIdempotencyKey(UUID.randomUUID().toString()).build()).getStatus(),
                    is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
        }
    }

    @Test
    void cancellingAPendingPaymentVoidsIt() throws Exception {
        Map<String, String> settings = Map.of("payment.processing-delay", "PT3S");
        try (PaymentStack stack = PaymentStack.start(settings, Optional.empty());
             ExecutorService pool = Executors.newCachedThreadPool()) {
            Shopper ada = stack.newShopper();
            ChargeRequest request = stack.chargeRequest(ada, GOOD_NUMBER, 5_000).build();
            Future<Payment> charging = pool.submit(() -> stack.as(ada).charge(request));
            awaitTrue(Duration.ofSeconds(10), () -> waitingForTheProcessor(stack) == 1);
            stack.killChargesWaitingForTheProcessor();
            assertThrows(ExecutionException.class, charging::get);
            Payment pending = stack.as(ada).charge(request);
            double before = stack.metric("meshmall_payment_cancelled_total", "cause=\"request\"");

            Payment cancelled = stack.as(ada).cancelPayment(SettlementTest.cancel(pending));
            Payment again = stack.asSystem().cancelPayment(SettlementTest.cancel(pending));

            assertThat(cancelled.getStatus(), is(PaymentStatus.PAYMENT_STATUS_CANCELLED));
            assertThat(again, is(cancelled));
            assertThat(stack.ledger(pending.getId()), is(List.of("null>PENDING charge", "PENDING>CANCELLED cancel")));
            assertThat(stack.metric("meshmall_payment_cancelled_total", "cause=\"request\""), is(before + 1));
            assertThat(stack.paymentApp.stalePayments().cancelStale(), is(0));
        }
    }

    @Test
    void theDelayAndTheTimeoutAreReadAtEveryUse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("payment.yaml");
        Files.writeString(file, "payment:\n  processing-delay: PT0S\n  pending-timeout: PT1H\n");
        try (PaymentStack stack = PaymentStack.start(Map.of(), Optional.of(file));
             ExecutorService pool = Executors.newCachedThreadPool()) {
            Shopper ada = stack.newShopper();
            assertThat(stack.charge(ada, GOOD_NUMBER).getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));

            Files.writeString(file, "payment:\n  processing-delay: PT3S\n  pending-timeout: PT1H\n");
            List<Future<Payment>> attempts = new ArrayList<>();
            Instant end = Instant.now().plusSeconds(15);
            while (waitingForTheProcessor(stack) == 0) {
                if (Instant.now().isAfter(end)) {
                    throw new AssertionError("the processing delay was not applied");
                }
                attempts.add(pool.submit(() -> stack.charge(ada, GOOD_NUMBER)));
                Thread.sleep(300);
            }
            long cutOff = stack.killChargesWaitingForTheProcessor();
            for (Future<Payment> attempt : attempts) {
                try {
                    assertThat(attempt.get().getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
                } catch (ExecutionException e) {
                    // one of the charges cut off from the processor's answer
                }
            }
            Thread.sleep(300);
            assertThat(stack.paymentApp.stalePayments().cancelStale(), is(0));

            Files.writeString(file, "payment:\n  processing-delay: PT0S\n  pending-timeout: PT0.2S\n");
            awaitTrue(Duration.ofSeconds(15), () -> stack.paymentApp.stalePayments().cancelStale() > 0);
            assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE status = 'CANCELLED'"), is(cutOff));
            assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE status = 'PENDING'"), is(0L));
        }
    }

    @Test
    void twoReplicasSweepingAtOnceCancelEveryStalePaymentExactlyOnce() throws Exception {
        Map<String, String> settings = Map.of("payment.processing-delay", "PT5S", "payment.pending-timeout", "PT0.5S");
        int leftByCrashes = 300;
        try (PaymentStack stack = PaymentStack.start(settings, Optional.empty());
             Replica replica = stack.paymentReplica();
             ExecutorService pool = Executors.newCachedThreadPool()) {
            Shopper ada = stack.newShopper();
            List<Future<Payment>> charging = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                charging.add(pool.submit(() -> stack.charge(ada, GOOD_NUMBER)));
            }
            awaitTrue(Duration.ofSeconds(15), () -> waitingForTheProcessor(stack) == 6);
            assertThat(stack.killChargesWaitingForTheProcessor(), is(6L));
            for (Future<Payment> charge : charging) {
                assertThrows(ExecutionException.class, charge::get);
            }
            leavePendingPayments(stack, leftByCrashes);
            int stale = leftByCrashes + 6;
            Thread.sleep(600);
            double sweptBefore = stack.metric("meshmall_payment_cancelled_total", SWEPT);

            List<StalePayments> sweeps = List.of(stack.paymentApp.stalePayments(), replica.app().stalePayments());
            int cancelled = Concurrently.call(8, i -> sweeps.get(i % 2).cancelStale()).stream()
                    .mapToInt(Integer::intValue).sum();

            assertThat(cancelled, is(stale));
            assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE status = 'CANCELLED'"),
                    is((long) stale));
            assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE status = 'PENDING'"), is(0L));
            assertThat(stack.count("SELECT count(*) FROM payments.payment_events WHERE cause = 'sweep'"),
                    is((long) stale));
            assertThat(stack.count("SELECT count(DISTINCT payment_id) FROM payments.payment_events"
                    + " WHERE cause = 'sweep'"), is((long) stale));
            assertThat(stack.metric("meshmall_payment_cancelled_total", SWEPT) - sweptBefore, is((double) stale));
            assertThat(sweeps.get(0).cancelStale() + sweeps.get(1).cancelStale(), is(0));
        }
    }

    /** What as many crashed charges leave: a PENDING payment with its first ledger row, from a minute ago. */
    private static void leavePendingPayments(PaymentStack stack, int count) {
        stack.rows("WITH made AS (INSERT INTO payments.payments (user_id, idempotency_key, order_id, amount, currency,"
                + " card_brand, card_last4, created_at, updated_at)"
                + " SELECT gen_random_uuid(), 'crashed-' || n, gen_random_uuid(), 100, 'USD', 'visa', '4242',"
                + " now() - interval '1 minute', now() - interval '1 minute' FROM generate_series(1, ?) AS n"
                + " RETURNING id)"
                + " INSERT INTO payments.payment_events (payment_id, from_status, to_status, cause)"
                + " SELECT id, NULL, 'PENDING', 'charge' FROM made", count);
    }

    /** Charges holding their payment's row while the processor answers, as the database sees them. */
    private static long waitingForTheProcessor(PaymentStack stack) {
        return stack.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid() AND state = 'idle in transaction'"
                + " AND pid IN (SELECT pid FROM pg_locks"
                + " WHERE relation = CAST('payments.payments' AS regclass))");
    }

    private static void awaitTrue(Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not true within " + limit);
            }
            Thread.sleep(50);
        }
    }
}

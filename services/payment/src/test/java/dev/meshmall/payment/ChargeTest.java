package dev.meshmall.payment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import dev.meshmall.payment.PaymentStack.Shopper;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.common.v1.Money;
import dev.meshmall.proto.order.v1.Order;
import dev.meshmall.proto.payment.v1.ChargeRequest;
import dev.meshmall.proto.payment.v1.GetPaymentRequest;
import dev.meshmall.proto.payment.v1.Payment;
import dev.meshmall.proto.payment.v1.PaymentStatus;
import dev.meshmall.testing.Concurrently;
import dev.meshmall.testing.Reply;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.payment.PaymentStack.GOOD_NUMBER;
import static dev.meshmall.payment.PaymentStack.NEXT_YEAR;
import static dev.meshmall.payment.PaymentStack.charge;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChargeTest {
    private static final String SUCCEEDED = "outcome=\"succeeded\"";
    private static PaymentStack stack;

    @BeforeAll
    static void start() {
        stack = PaymentStack.start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aGoodCardIsChargedAndTheLedgerShowsEveryStep() {
        Shopper ada = stack.newShopper();
        Order order = stack.placeOrder(ada, 12_345);
        double before = stack.metric("meshmall_payment_charges_total", SUCCEEDED);

        Payment paid = stack.as(ada).charge(charge(order, GOOD_NUMBER).build());

        assertThat(paid.getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
        assertThat(paid.getOrderId(), is(order.getId()));
        assertThat(paid.getAmount().getAmount(), is(12_345L));
        assertThat(paid.getAmount().getCurrency(), is("USD"));
        assertThat(paid.getCardBrand(), is("visa"));
        assertThat(paid.getCardLast4(), is("4242"));
        assertThat(paid.getDeclineCode(), is(""));
        assertThat(stack.ledger(paid.getId()), is(List.of("null>PENDING charge", "PENDING>SUCCEEDED processor")));
        assertThat(stack.metric("meshmall_payment_charges_total", SUCCEEDED), is(before + 1));
    }

    @Test
    void theTestNumbersAreDeclinedWithTheirCodes() {
        Shopper ada = stack.newShopper();
        double declinedBefore = stack.metric("meshmall_payment_charges_total", "outcome=\"card_declined\"");
        double fundsBefore = stack.metric("meshmall_payment_charges_total", "outcome=\"insufficient_funds\"");

        Payment declined = stack.charge(ada, "4000000000000002");
        Payment noFunds = stack.charge(ada, "4000 0000 0000 9995");

        assertThat(declined.getStatus(), is(PaymentStatus.PAYMENT_STATUS_DECLINED));
        assertThat(declined.getDeclineCode(), is("card_declined"));
        assertThat(noFunds.getStatus(), is(PaymentStatus.PAYMENT_STATUS_DECLINED));
        assertThat(noFunds.getDeclineCode(), is("insufficient_funds"));
        assertThat(noFunds.getCardLast4(), is("9995"));
        assertThat(stack.ledger(declined.getId()), is(List.of("null>PENDING charge", "PENDING>DECLINED processor")));
        assertThat(stack.metric("meshmall_payment_charges_total", "outcome=\"card_declined\""), is(declinedBefore + 1));
        assertThat(stack.metric("meshmall_payment_charges_total", "outcome=\"insufficient_funds\""),
                is(fundsBefore + 1));
    }

    @Test
    void aDeclinedOrderMayBeChargedAgainUnderANewKey() {
        Shopper ada = stack.newShopper();
        Order order = stack.placeOrder(ada, 900);
        Payment declined = stack.as(ada).charge(charge(order, "4000000000000002").build());

        Payment paid = stack.as(ada).charge(charge(order, GOOD_NUMBER).build());

        assertThat(declined.getStatus(), is(PaymentStatus.PAYMENT_STATUS_DECLINED));
        assertThat(paid.getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
    }

    @Test
    void theSameKeyAnswersTheFirstPaymentAndNeverChargesAgain() {
        Shopper ada = stack.newShopper();
        ChargeRequest request = stack.chargeRequest(ada, GOOD_NUMBER, 2_500).build();
        Payment first = stack.as(ada).charge(request);
        double charges = stack.metric("meshmall_payment_charges_total", "");

        Payment again = stack.as(ada).charge(request);
        Payment withAnotherCard = stack.as(ada).charge(request.toBuilder()
                .setCard(PaymentStack.card("4000000000000002")).build());

        assertThat(again, is(first));
        assertThat(withAnotherCard, is(first));
        assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE order_id = CAST(? AS uuid)",
                request.getOrderId()), is(1L));
        assertThat(stack.metric("meshmall_payment_charges_total", ""), is(charges));
    }

    @Test
    void aKeyReusedForAnotherOrderOrAmountIsRefused() {
        Shopper ada = stack.newShopper();
        ChargeRequest request = stack.chargeRequest(ada, GOOD_NUMBER, 2_500).build();
        Payment first = stack.as(ada).charge(request);
        String anotherOrder = stack.placeOrder(ada, 2_500).getId();
        List<String> before = stack.everyStoredRow();

        for (ChargeRequest reuse : List.of(request.toBuilder().setOrderId(anotherOrder).build(),
                request.toBuilder().setAmount(Money.newBuilder().setAmount(2_501).setCurrency("USD")).build())) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> stack.as(ada).charge(reuse));
            assertThat(refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
            assertThat(GrpcErrors.code(refused), is("idempotency_key_reused"));
        }
        assertThat(stack.everyStoredRow(), is(before));
        assertThat(stack.get(first.getId()).getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
    }

    @Test
    void anotherUsersKeyIsTheirsAlone() {
        Shopper ada = stack.newShopper();
        ChargeRequest request = stack.chargeRequest(ada, GOOD_NUMBER, 700).build();
        Payment adas = stack.as(ada).charge(request);

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stack.as(stack.newShopper()).charge(request));

        assertThat("the order is Ada's", refused.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE order_id = CAST(? AS uuid)",
                request.getOrderId()), is(1L));
        assertThat(stack.get(adas.getId()).getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
    }

    @Test
    void aSecondKeyForAPaidOrderIsRefused() {
        Shopper ada = stack.newShopper();
        Order order = stack.placeOrder(ada, 1_000);
        stack.as(ada).charge(charge(order, GOOD_NUMBER).build());
        List<String> before = stack.everyStoredRow();

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stack.as(ada).charge(charge(order, GOOD_NUMBER).build()));

        assertThat(refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(refused), is("order_has_payment"));
        assertThat(stack.everyStoredRow(), is(before));
    }

    @Test
    void twentyRacingChargesWithOneKeyMakeOnePaymentAndOneCharge() throws Exception {
        Shopper ada = stack.newShopper();
        ChargeRequest request = stack.chargeRequest(ada, GOOD_NUMBER, 3_000).build();
        double charges = stack.metric("meshmall_payment_charges_total", "");

        List<Payment> answers = Concurrently.call(20, i -> stack.as(ada).charge(request));

        assertThat(Set.copyOf(answers).size(), is(1));
        assertThat(answers.getFirst().getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
        assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE order_id = CAST(? AS uuid)",
                request.getOrderId()), is(1L));
        assertThat(stack.ledger(answers.getFirst().getId()).size(), is(2));
        assertThat(stack.metric("meshmall_payment_charges_total", ""), is(charges + 1));
    }

    @Test
    void racingChargesOfOneOrderUnderManyKeysTakeOnePayment() throws Exception {
        Shopper ada = stack.newShopper();
        Order order = stack.placeOrder(ada, 3_000);

        List<String> outcomes = Concurrently.call(12, i -> {
            try {
                return stack.as(ada).charge(charge(order, GOOD_NUMBER).build()).getStatus().name();
            } catch (StatusRuntimeException e) {
                return e.getStatus().getCode().name();
            }
        });

        assertThat(outcomes.stream().filter("PAYMENT_STATUS_SUCCEEDED"::equals).count(), is(1L));
        assertThat(outcomes.stream().filter("FAILED_PRECONDITION"::equals).count(), is(11L));
        assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE order_id = CAST(? AS uuid)",
                order.getId()), is(1L));
    }

    @Test
    void badRequestsAreRefusedAndRecordNothing() {
        Shopper ada = stack.newShopper();
        ChargeRequest good = stack.chargeRequest(ada, GOOD_NUMBER, 100).build();
        List<String> before = stack.everyStoredRow();
        Map<String, UnaryOperator<ChargeRequest.Builder>> cases = new java.util.LinkedHashMap<>();
        cases.put("card.number", b -> b.setCard(PaymentStack.card("4242424242424241")));
        cases.put("card.exp_month", b -> b.setCard(PaymentStack.card(GOOD_NUMBER).toBuilder().setExpMonth(13)));
        cases.put("card.exp_year", b -> b.setCard(PaymentStack.card(GOOD_NUMBER).toBuilder()
                .setExpMonth(1).setExpYear(NEXT_YEAR - 2)));
        cases.put("card.cvv", b -> b.setCard(PaymentStack.card(GOOD_NUMBER).toBuilder().setCvv("12")));
        cases.put("card.cvv ", b -> b.setCard(PaymentStack.card(GOOD_NUMBER).toBuilder().clearCvv()));
        cases.put("amount", b -> b.setAmount(Money.newBuilder().setAmount(0).setCurrency("USD")));
        cases.put("currency", b -> b.setAmount(Money.newBuilder().setAmount(100).setCurrency("usd")));
        cases.put("order_id", b -> b.setOrderId("order-1"));
        cases.put("idempotency_key", b -> b.setIdempotencyKey(""));
        cases.put("source", ChargeRequest.Builder::clearSource);
        cases.put("card_id", b -> b.setCardId(""));

        cases.forEach((field, change) -> {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> stack.as(ada).charge(change.apply(good.toBuilder()).build()));
            assertThat(field, refused.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        });
        StatusRuntimeException expired = assertThrows(StatusRuntimeException.class, () -> stack.as(ada).charge(
                good.toBuilder().setCard(PaymentStack.card(GOOD_NUMBER).toBuilder().setExpMonth(1)
                        .setExpYear(NEXT_YEAR - 2)).build()));
        assertThat(GrpcErrors.code(expired), is("card_expired"));
        assertThat(stack.everyStoredRow(), is(before));
    }

    @Test
    void aChargeNeedsTheShoppersToken() {
        ChargeRequest request = stack.chargeRequest(stack.newShopper(), GOOD_NUMBER, 100).build();
        List<String> before = stack.everyStoredRow();

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stack.asSystem().charge(request));

        assertThat(refused.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
        assertThat(stack.everyStoredRow(), is(before));
    }

    @Test
    void aShopperSeesTheirOwnPaymentOnlyWithTheCardsBrandAndLastDigits() {
        Shopper ada = stack.newShopper();
        Shopper bob = stack.newShopper();
        Payment paid = stack.charge(ada, GOOD_NUMBER);

        Reply mine = stack.getRest("/api/v1/payments/" + paid.getId(), Optional.of(ada.token()));
        Reply bobs = stack.getRest("/api/v1/payments/" + paid.getId(), Optional.of(bob.token()));
        Reply nonsense = stack.getRest("/api/v1/payments/not-a-payment", Optional.of(ada.token()));
        Reply anonymous = stack.getRest("/api/v1/payments/" + paid.getId(), Optional.empty());
        StatusRuntimeException bobsGrpc = assertThrows(StatusRuntimeException.class, () -> stack.as(bob)
                .getPayment(GetPaymentRequest.newBuilder().setPaymentId(paid.getId()).build()));

        assertThat(mine.status(), is(200));
        assertThat(mine.json().get("id").asText(), is(paid.getId()));
        assertThat(mine.json().get("status").asText(), is("SUCCEEDED"));
        assertThat(mine.json().get("amount").get("amount").asLong(), is(4_999L));
        assertThat(mine.json().get("card_brand").asText(), is("visa"));
        assertThat(mine.json().get("card_last4").asText(), is("4242"));
        assertThat(mine.body().contains("424242424242"), is(false));
        assertThat(bobs.status(), is(404));
        assertThat(bobs.contentType().contains("problem+json"), is(true));
        assertThat(nonsense.status(), is(404));
        assertThat(anonymous.status(), is(401));
        assertThat(bobsGrpc.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(stack.as(ada).getPayment(GetPaymentRequest.newBuilder().setPaymentId(paid.getId()).build()),
                is(paid));
        assertThat(stack.get(paid.getId()), is(paid));
    }

    @Test
    void aSavedCardNeedsTheUserServiceAndIsNeverChargedWithoutIt() {
        Shopper ada = stack.newShopper();
        List<String> before = stack.everyStoredRow();

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> stack.as(ada)
                .charge(stack.chargeRequest(ada, GOOD_NUMBER, 100).setCardId(UUID.randomUUID().toString()).build()));

        assertThat(refused.getStatus().getCode(), is(Status.Code.UNAVAILABLE));
        assertThat(stack.everyStoredRow(), is(before));
    }

    @Test
    void aChargeIsForTheOrdersOwnTotalAndAnotherAmountIsRefusedCreatingNoPayment() {
        Shopper mallory = stack.newShopper();
        Order order = stack.placeOrder(mallory, 89_900);
        List<String> before = stack.everyStoredRow();

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> stack.as(mallory)
                .charge(charge(order, GOOD_NUMBER).setAmount(usd(1)).build()));

        assertThat(refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(GrpcErrors.code(refused), is("amount_mismatch"));
        assertThat(stack.everyStoredRow(), is(before));

        Payment paid = stack.as(mallory).charge(charge(order, GOOD_NUMBER).clearAmount().build());

        assertThat(paid.getAmount(), is(usd(89_900)));
        assertThat(paid.getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
    }

    @Test
    void onlyAnOrderAwaitingPaymentIsChargedAndNoPaymentIsCreatedOtherwise() {
        Shopper ada = stack.newShopper();
        Order cancelled = stack.placeOrder(ada, 1_200);
        stack.cancelOrder(ada, cancelled.getId());
        Order paid = stack.placeOrder(ada, 1_300);
        stack.markPaid(paid.getId(), stack.as(ada).charge(charge(paid, GOOD_NUMBER).build()).getId());
        List<String> before = stack.everyStoredRow();

        for (Order order : List.of(cancelled, paid)) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> stack.as(ada).charge(charge(order, GOOD_NUMBER).build()));
            assertThat(refused.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
            assertThat(GrpcErrors.code(refused), is("order_not_payable"));
        }
        assertThat(stack.everyStoredRow(), is(before));
    }

    @Test
    void anotherShoppersOrderIsNotFoundSoItsOwnPaymentIsNeverBlocked() {
        Shopper ada = stack.newShopper();
        Shopper mallory = stack.newShopper();
        Order adas = stack.placeOrder(ada, 5_000);
        List<String> before = stack.everyStoredRow();

        StatusRuntimeException foreign = assertThrows(StatusRuntimeException.class,
                () -> stack.as(mallory).charge(charge(adas, GOOD_NUMBER).build()));
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> stack.as(mallory)
                .charge(charge(adas, GOOD_NUMBER).setOrderId(UUID.randomUUID().toString()).build()));

        assertThat(foreign.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(unknown.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(stack.everyStoredRow(), is(before));
        assertThat(stack.as(ada).charge(charge(adas, GOOD_NUMBER).build()).getStatus(),
                is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
    }

    private static Money usd(long amount) {
        return Money.newBuilder().setAmount(amount).setCurrency("USD").build();
    }

    @Test
    void theCountersAreThereBeforeTheFirstEvent() {
        String metrics = stack.getRest("/observe/metrics", Optional.empty()).body();

        for (String outcome : List.of("succeeded", "card_declined", "insufficient_funds")) {
            assertThat(outcome, metrics.contains("meshmall_payment_charges_total{outcome=\"" + outcome + "\""),
                    is(true));
        }
        assertThat(metrics.contains("meshmall_payment_refunds_total"), is(true));
        assertThat(metrics.contains("meshmall_payment_cancelled_total{cause=\"sweep\""), is(true));
        assertThat(metrics.contains("meshmall_payment_cancelled_total{cause=\"request\""), is(true));
    }
}

package dev.meshmall.payment;

import java.util.List;

import dev.meshmall.payment.PaymentStack.Shopper;
import dev.meshmall.proto.payment.v1.AbandonChargeRequest;
import dev.meshmall.proto.payment.v1.ChargeRequest;
import dev.meshmall.proto.payment.v1.Payment;
import dev.meshmall.proto.payment.v1.PaymentStatus;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.payment.PaymentStack.GOOD_NUMBER;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Checkout's recovery abandons a charge whose answer it never got: the charge made under the key is answered,
 * or, when none arrived, the key is spent on a CANCELLED payment so a late charge with it takes no money.
 */
class AbandonChargeTest {
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
    void aChargeThatNeverArrivedIsCancelledAndALateOneWithItsKeyChargesNothing() {
        Shopper ada = stack.newShopper();
        ChargeRequest charge = stack.chargeRequest(ada, GOOD_NUMBER, 4_999).build();

        Payment abandoned = stack.asSystem().abandonCharge(abandon(ada, charge));
        Payment late = stack.as(ada).charge(charge);

        assertThat(abandoned.getStatus(), is(PaymentStatus.PAYMENT_STATUS_CANCELLED));
        assertThat(late.getId(), is(abandoned.getId()));
        assertThat(late.getStatus(), is(PaymentStatus.PAYMENT_STATUS_CANCELLED));
        assertThat(stack.ledger(abandoned.getId()), is(List.of("null>CANCELLED abandon")));
        assertThat(succeededFor(ada), is("0"));
    }

    @Test
    void aChargeThatWasMadeIsAnsweredAsItIs() {
        Shopper ada = stack.newShopper();
        ChargeRequest charge = stack.chargeRequest(ada, GOOD_NUMBER, 4_999).build();
        Payment made = stack.as(ada).charge(charge);

        Payment abandoned = stack.asSystem().abandonCharge(abandon(ada, charge));

        assertThat(abandoned, is(made));
        assertThat(abandoned.getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
        assertThat(succeededFor(ada), is("1"));
    }

    @Test
    void aShopperCannotAbandonAChargeNorCanAKeyBeAbandonedForAnotherOrder() {
        Shopper ada = stack.newShopper();
        ChargeRequest charge = stack.chargeRequest(ada, GOOD_NUMBER, 4_999).build();
        Payment made = stack.as(ada).charge(charge);

        StatusRuntimeException asShopper = assertThrows(StatusRuntimeException.class,
                () -> stack.as(ada).abandonCharge(abandon(ada, charge)));
        StatusRuntimeException otherAmount = assertThrows(StatusRuntimeException.class,
                () -> stack.asSystem().abandonCharge(abandon(ada, charge).toBuilder()
                        .setAmount(charge.getAmount().toBuilder().setAmount(1)).build()));

        assertThat(asShopper.getStatus().getCode(), is(Status.Code.PERMISSION_DENIED));
        assertThat(otherAmount.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(stack.get(made.getId()).getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
    }

    private static AbandonChargeRequest abandon(Shopper shopper, ChargeRequest charge) {
        return AbandonChargeRequest.newBuilder()
                .setUserId(shopper.id())
                .setIdempotencyKey(charge.getIdempotencyKey())
                .setOrderId(charge.getOrderId())
                .setAmount(charge.getAmount())
                .build();
    }

    private static String succeededFor(Shopper shopper) {
        return stack.rows("SELECT count(*) FROM payments.payments WHERE user_id = CAST(? AS uuid)"
                + " AND status = 'SUCCEEDED'", shopper.id()).getFirst().getFirst();
    }
}

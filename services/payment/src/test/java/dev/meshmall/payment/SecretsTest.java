package dev.meshmall.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.meshmall.payment.PaymentStack.Shopper;
import dev.meshmall.proto.payment.v1.CardDetails;
import dev.meshmall.proto.payment.v1.Payment;
import dev.meshmall.proto.payment.v1.TokenizeCardRequest;
import dev.meshmall.testing.LogCapture;

import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import static dev.meshmall.payment.PaymentStack.CVV;
import static dev.meshmall.payment.PaymentStack.GOOD_NUMBER;
import static dev.meshmall.payment.PaymentStack.charge;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

class SecretsTest {
    private static final List<String> NUMBERS = List.of(GOOD_NUMBER, "4000000000000002", "4000000000009995");
    /** The CVV as a value of its own, not four digits inside a timestamp or an id. */
    private static final Pattern CVV_ALONE = Pattern.compile("(?<![0-9A-Za-z])" + CVV + "(?![0-9A-Za-z])");
    private static final String VAULT_KEY = "a-vault-key-that-must-never-be-logged";

    /** Debug logging on, so a card number in any log line at all would be caught. */
    @Test
    void cardNumbersCvvsAndTheVaultKeyAreInNoTableNoLogAndNoAnswer() {
        List<String> answers = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        try (LogCapture logs = new LogCapture();
             PaymentStack stack = PaymentStack.start(Map.of("log.level", "FINE", "payment.vault-key", VAULT_KEY),
                     Optional.empty())) {
            logs.attachToLoggers();
            Shopper ada = stack.newShopper();
            for (String number : NUMBERS) {
                Payment payment = stack.charge(ada, number);
                answers.add(payment.toString());
                answers.add(stack.getRest("/api/v1/payments/" + payment.getId(), Optional.of(ada.token())).body());
                answers.add(stack.viaUserService(ada).tokenizeCard(TokenizeCardRequest.newBuilder()
                        .setCard(PaymentStack.card(number)).build()).toString());
            }
            CardDetails badMonth = PaymentStack.card(GOOD_NUMBER).toBuilder().setExpMonth(13).build();
            try {
                stack.as(ada).charge(stack.chargeRequest(ada, GOOD_NUMBER, 100).setCard(badMonth).build());
            } catch (StatusRuntimeException e) {
                answers.add(e.getStatus() + " " + e.getTrailers());
            }

            stack.everyStoredRow().forEach(row -> check("database", row, leaks));
            String logged = logs.text();
            assertThat("the logs were captured", logged, containsString("PaymentService/Charge"));
            for (String line : logged.split("\n")) {
                check("log", line, leaks);
                if (line.contains(VAULT_KEY)) {
                    leaks.add("log (vault key): " + line);
                }
            }
        }
        answers.forEach(answer -> check("answer", answer, leaks));
        assertThat(leaks, is(empty()));
    }

    private static void check(String where, String text, List<String> leaks) {
        for (String number : NUMBERS) {
            if (text.contains(number) || text.contains(number.substring(0, 12))) {
                leaks.add(where + ": " + text);
            }
        }
        if (CVV_ALONE.matcher(text).find()) {
            leaks.add(where + " (cvv): " + text);
        }
    }
}

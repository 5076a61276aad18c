package dev.meshmall.platform.config;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ChangeReportTest {

    @Test
    void theLineNamesEveryChangedKeyWithItsOldAndNewValue() {
        Optional<String> line = ChangeReport.describe(
                Map.of("order.payment-timeout", "PT15M", "log.level", "INFO", "order.auto-cancel-interval", "PT30S"),
                Map.of("order.payment-timeout", "PT2M", "log.level", "INFO", "greeting", "hello"));

        assertThat(line, is(Optional.of("configuration changed: greeting (unset) -> hello,"
                + " order.auto-cancel-interval PT30S -> (unset), order.payment-timeout PT15M -> PT2M")));
    }

    @Test
    void nothingChangedIsNoLine() {
        assertThat(ChangeReport.describe(Map.of("log.level", "INFO"), Map.of("log.level", "INFO")),
                is(Optional.empty()));
    }

    @Test
    void theValueOfAKeyThatLooksSecretIsNeverShown() {
        assertThat(ChangeReport.describe(Map.of("payment.vault-key", "old-vault-key"),
                Map.of("payment.vault-key", "new-vault-key")),
                is(Optional.of("configuration changed: payment.vault-key (secret: value not shown)")));
        for (String secret : new String[] {"auth.signing.key-secret", "db.connection.password", "DB_CONNECTION_PASSWORD",
                "payment.vault-key", "github.token", "tls.private-key-file"}) {
            assertThat(secret, ChangeReport.looksSecret(secret), is(true));
        }
        for (String plain : new String[] {"auth.access-token-ttl", "cart.idempotency-key-retention",
                "order.payment-timeout", "jwt.jwks", "log.level"}) {
            assertThat(plain, ChangeReport.looksSecret(plain), is(false));
        }
    }
}

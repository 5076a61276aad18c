package dev.meshmall.devstack;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class LogLinesTest {
    private static final String TIME = "2025-03-01T09:15:42.123Z";
    private static final String LOCAL = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault())
            .format(Instant.parse(TIME));

    @Test
    void aJsonRecordReadsAsTimeLevelAndMessage() {
        String line = "{\"time\":\"" + TIME + "\",\"level\":\"INFO\",\"service\":\"user\",\"logger\":\"x.Y\","
                + "\"message\":\"user started: http 8082, grpc 9092\"}";

        assertThat(LogLines.readable(line), is(LOCAL + " INFO    user started: http 8082, grpc 9092"));
    }

    @Test
    void theUserAndTheExceptionsFirstLineAreShown() {
        String line = "{\"time\":\"" + TIME + "\",\"level\":\"SEVERE\",\"service\":\"user\",\"logger\":\"x.Y\","
                + "\"message\":\"unexpected error\",\"request_id\":\"r-1\",\"user_id\":\"u-7\","
                + "\"exception\":\"java.lang.IllegalStateException: boom\\n\\tat x.Y.z(Y.java:1)\\n\"}";

        assertThat(LogLines.readable(line),
                is(LOCAL + " SEVERE  unexpected error [user=u-7] — java.lang.IllegalStateException: boom"));
    }

    @Test
    void anyOtherLinePassesUnchanged() {
        assertThat(LogLines.readable("Exception in thread \"main\" java.lang.Error"),
                is("Exception in thread \"main\" java.lang.Error"));
        assertThat(LogLines.readable("{not json"), is("{not json"));
        assertThat(LogLines.readable("{\"a\":1}"), is("{\"a\":1}"));
    }
}

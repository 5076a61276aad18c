package dev.meshmall.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything the services in this JVM log while a test runs (to prove a secret never reaches a log): their JSON lines on standard output (install
 * before the services start, since each keeps the stream it found) and every java.util.logging record with
 * its stack trace (attach after they start, since starting resets the loggers).
 */
public final class LogCapture implements AutoCloseable {
    private final PrintStream original = System.out;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final List<String> records = new ArrayList<>();
    private final AccessLogSwitch access = new AccessLogSwitch();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(formatter.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogCapture() {
        System.setOut(new PrintStream(new Tee(original, stdout), true, StandardCharsets.UTF_8));
    }

    /**
     * Records every log record from now on, whatever its level, with the access log turned on (services leave it
     * off unless {@code log.access} is true): a secret must not reach a log an operator can switch on either.
     */
    public void attachToLoggers() {
        handler.setLevel(Level.ALL);
        access.on();
        Logger.getLogger("").addHandler(handler);
    }

    public String text() {
        synchronized (records) {
            synchronized (stdout) {
                return stdout.toString(StandardCharsets.UTF_8) + String.join("", records);
            }
        }
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
        access.restore();
        System.setOut(original);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final ByteArrayOutputStream second;

        Tee(OutputStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
        }
    }
}

package dev.meshmall.devstack;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Prints the warnings of the libraries inside the devstack (Helidon, embedded PostgreSQL) as devstack lines;
 * their information messages would only bury the services' own.
 */
final class ConsoleLogHandler extends Handler {
    private final Console console;

    private ConsoleLogHandler(Console console) {
        this.console = console;
        setFormatter(new SimpleFormatter());
    }

    static void install(Console console) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        root.addHandler(new ConsoleLogHandler(console));
    }

    @Override
    public void publish(LogRecord record) {
        String thrown = record.getThrown() == null ? "" : " — " + record.getThrown();
        console.devstack(record.getLevel() + " " + record.getLoggerName() + ": " + getFormatter().formatMessage(record)
                + thrown);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}

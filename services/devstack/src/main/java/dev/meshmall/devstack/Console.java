package dev.meshmall.devstack;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints every line as docker compose does: a padded {@code name | } prefix, coloured per source when the
 * output is a terminal and {@code NO_COLOR} is not set. Lines of different sources never interleave.
 */
final class Console {
    static final String SELF = "devstack";
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "1";
    private static final List<String> PALETTE = List.of("36", "33", "32", "35", "34", "91", "96", "93", "92", "95");

    private final PrintStream out;
    private final boolean colour;
    private final int width;
    private final Map<String, String> colours = new HashMap<>();

    Console(PrintStream out, boolean colour, List<String> services) {
        this.out = out;
        this.colour = colour;
        this.width = Math.max(SELF.length(), services.stream().mapToInt(String::length).max().orElse(0));
        for (int i = 0; i < services.size(); i++) {
            colours.put(services.get(i), PALETTE.get(i % PALETTE.size()));
        }
        colours.put(SELF, BOLD);
    }

    static Console standardOutput(List<String> services, Map<String, String> env) {
        return new Console(System.out, isTerminal() && !env.containsKey("NO_COLOR"), services);
    }

    void devstack(String message) {
        print(SELF, message);
    }

    /** A line a service wrote: its JSON log records made readable, anything else as it is. */
    void service(String name, String line) {
        print(name, LogLines.readable(line));
    }

    private synchronized void print(String source, String text) {
        String prefix = source + " ".repeat(width - source.length()) + " | ";
        if (colour) {
            prefix = "\u001b[" + colours.getOrDefault(source, BOLD) + "m" + prefix + RESET;
        }
        out.println(prefix + text);
    }

    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 there is a console even when the output is redirected, and only isTerminal() (absent
        // from 21, the release this compiles for) tells the two apart.
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}

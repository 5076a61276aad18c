package dev.meshmall.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Grafana dashboards of {@code compose/grafana/dashboards} (which compose provisions and k8s/base turns into
 * ConfigMaps) and the PromQL they run: every panel target and every query variable, and in each the metric
 * names, the label matchers and the labels it groups by.
 */
final class DashboardQueries {
    static final Path DIR = Repo.ROOT.resolve("compose/grafana/dashboards");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DashboardQueries() {
    }

    static List<Path> files() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not JSON", e);
        }
    }

    /** One PromQL expression of a dashboard, with where it is ("shop.json / Checkouts by outcome / B"). */
    record Query(String where, String expr) {
    }

    static List<Query> queries(Path file) {
        JsonNode dashboard = read(file);
        String name = file.getFileName().toString();
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(new Query(name + " / " + panel.path("title").asText() + " / "
                            + target.path("refId").asText(), target.get("expr").asText()));
                }
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                String text = query.isTextual() ? query.asText() : query.path("query").asText();
                queries.add(new Query(name + " / variable " + variable.path("name").asText(), variableExpr(text)));
            }
        }
        return queries;
    }

    static List<Query> allQueries() {
        return files().stream().flatMap(f -> queries(f).stream()).toList();
    }

    /** Every panel, those inside collapsed rows included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)\\s*$");

    /** The PromQL of a Grafana query variable: {@code label_values(<selector>, <label>)} runs its selector. */
    static String variableExpr(String query) {
        Matcher m = LABEL_VALUES.matcher(query);
        return m.matches() ? m.group(1) : query;
    }

    // ---- PromQL, as far as the dashboards need it read

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern BRACES = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern TOKEN = Pattern.compile(
            "\\$\\{?\\w+}?|[0-9][A-Za-z0-9_.]*|([A-Za-z_:][A-Za-z0-9_:]*)");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan", "Inf", "NaN");
    private static final Pattern SELECTOR = Pattern.compile("([A-Za-z_:][A-Za-z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The metric names an expression reads: every name that is not a function, a keyword or a label. */
    static Set<String> metrics(String expr) {
        String bare = STRING.matcher(expr).replaceAll("\"\"");
        bare = BRACES.matcher(bare).replaceAll(" ");
        bare = RANGE.matcher(bare).replaceAll(" ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = TOKEN.matcher(bare);
        while (m.find()) {
            String name = m.group(1);
            if (name == null || KEYWORDS.contains(name) || calledAt(bare, m.end())) {
                continue;
            }
            names.add(name);
        }
        return names;
    }

    private static boolean calledAt(String text, int index) {
        int i = index;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '(';
    }

    /** A label matcher of a selector: {@code status=~"5.."} on {@code meshmall_http_requests_seconds_count}. */
    record LabelMatcher(String metric, String label, String op, String value) {
    }

    static List<LabelMatcher> matchers(String expr) {
        List<LabelMatcher> matchers = new ArrayList<>();
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                matchers.add(new LabelMatcher(selector.group(1), matcher.group(1), matcher.group(2), matcher.group(3)));
            }
        }
        return matchers;
    }

    /** The labels an expression groups or matches by ({@code by (app, le)}, {@code on (app)}, ...). */
    static Set<String> groupingLabels(String expr) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher m = GROUPING.matcher(STRING.matcher(expr).replaceAll("\"\""));
        while (m.find()) {
            for (String label : m.group(2).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        return labels;
    }
}

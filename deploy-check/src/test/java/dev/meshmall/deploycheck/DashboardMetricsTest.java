package dev.meshmall.deploycheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.meshmall.deploycheck.DashboardQueries.LabelMatcher;
import dev.meshmall.deploycheck.DashboardQueries.Query;
import dev.meshmall.testing.Reply;

import io.helidon.http.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every metric a dashboard queries is one a running service exports: the seven services run in-process on an
 * embedded database, one checkout goes through them (so the REST and gRPC timers, created on first use, exist),
 * and each service's {@code /observe/metrics} is scraped. Label matchers and groupings are checked against the
 * scraped series too, so a panel cannot filter on a label or a value the services never emit.
 */
class DashboardMetricsTest {
    /** Istio's standard metrics, which the sidecars export, not the services: the only ones not scraped here. */
    static final Set<String> ISTIO_METRICS = Set.of("istio_requests_total", "istio_request_duration_milliseconds_bucket");
    /**
     * Labels Prometheus attaches to every scraped series rather than the services: {@code app} by
     * compose/prometheus/prometheus.yml's target labels (and, in Kubernetes, from the pods' {@code app} label).
     */
    static final Set<String> SCRAPE_LABELS = Set.of("app", "job", "instance");

    private static DashboardStack stack;
    private static Exported exported;

    @BeforeAll
    static void startCheckOutOnceAndScrape() {
        stack = DashboardStack.start();
        Reply paid = checkOutOnce();
        assertEquals(201, paid.status(), paid.body());
        assertTrue(paid.body().contains("\"status\":\"PAID\""), paid.body());
        Exported all = new Exported(new TreeMap<>());
        for (String service : stack.services().keySet()) {
            all.add(stack.scrape(service));
        }
        exported = all;
    }

    /** A merchant lists a product, a shopper puts it in the cart and checks out with a good card. */
    private static Reply checkOutOnce() {
        String merchant = stack.token("merchant");
        Reply product = stack.send("product", Method.POST, "/api/v1/products", Optional.of(
                "{\"name\":\"lamp\",\"description\":\"a lamp for the dashboards\","
                        + "\"price\":{\"amount\":1500,\"currency\":\"USD\"},\"categories\":[],\"stock\":3}"),
                Optional.of(merchant), Optional.empty());
        assertEquals(201, product.status(), product.body());
        String productId = product.json().get("id").asText();
        String shopper = stack.token("customer");
        Reply added = stack.send("cart", Method.POST, "/api/v1/cart/items",
                Optional.of("{\"product_id\":\"" + productId + "\",\"quantity\":1}"), Optional.of(shopper),
                Optional.empty());
        assertTrue(added.status() == 200 || added.status() == 201, added.body());
        return stack.send("checkout", Method.POST, "/api/v1/checkout", Optional.of(
                "{\"address\":{\"name\":\"Ada Lovelace\",\"street_address\":\"12 St James's Square\","
                        + "\"city\":\"London\",\"country\":\"GB\",\"zip_code\":\"SW1Y 4JH\"},"
                        + "\"card\":{\"number\":\"4242424242424242\",\"exp_month\":12,\"exp_year\":2031,"
                        + "\"cvv\":\"123\",\"holder_name\":\"Ada Lovelace\"},\"email\":\"ada@example.com\"}"),
                Optional.of(shopper), Optional.of(UUID.randomUUID().toString()));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** The series of a scrape, as metric name to label name to the values seen. */
    record Exported(Map<String, Map<String, Set<String>>> series) {
        private static final Pattern SAMPLE = Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)(\\{(.*)})?\\s+\\S+.*$");
        private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        void add(String scrape) {
            for (String line : scrape.lines().toList()) {
                Matcher sample = SAMPLE.matcher(line);
                if (line.startsWith("#") || !sample.matches()) {
                    continue;
                }
                Map<String, Set<String>> labels = series.computeIfAbsent(sample.group(1), n -> new TreeMap<>());
                Matcher label = LABEL.matcher(sample.group(3) == null ? "" : sample.group(3));
                while (label.find()) {
                    labels.computeIfAbsent(label.group(1), l -> new TreeSet<>()).add(label.group(2));
                }
            }
        }

        boolean has(String metric) {
            return series.containsKey(metric);
        }

        boolean has(String metric, String label) {
            return series.getOrDefault(metric, Map.of()).containsKey(label);
        }

        Set<String> values(String metric, String label) {
            return series.getOrDefault(metric, Map.of()).getOrDefault(label, Set.of());
        }
    }

    /** What is wrong with the queries against what the services export, one line per fault. */
    static List<String> problems(List<Query> queries, Exported exported) {
        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            Set<String> metrics = DashboardQueries.metrics(query.expr());
            if (metrics.isEmpty()) {
                problems.add(query.where() + ": no metric in " + query.expr());
            }
            boolean istio = false;
            for (String metric : metrics) {
                if (metric.startsWith("istio_")) {
                    istio = true;
                    if (!ISTIO_METRICS.contains(metric)) {
                        problems.add(query.where() + ": " + metric + " is not one of Istio's metrics listed here");
                    }
                } else if (!exported.has(metric)) {
                    problems.add(query.where() + ": no service exports " + metric);
                }
            }
            for (LabelMatcher m : DashboardQueries.matchers(query.expr())) {
                if (!exported.has(m.metric()) || SCRAPE_LABELS.contains(m.label())) {
                    continue;
                }
                if (!exported.has(m.metric(), m.label())) {
                    problems.add(query.where() + ": " + m.metric() + " has no label " + m.label());
                } else if (m.op().equals("=") && !m.value().contains("$")
                        && !exported.values(m.metric(), m.label()).contains(m.value())) {
                    problems.add(query.where() + ": " + m.metric() + " never has " + m.label() + "=\"" + m.value()
                            + "\" (it has " + exported.values(m.metric(), m.label()) + ")");
                }
            }
            List<String> known = metrics.stream().filter(exported::has).toList();
            if (!istio && !known.isEmpty()) {
                for (String label : DashboardQueries.groupingLabels(query.expr())) {
                    if (!SCRAPE_LABELS.contains(label) && known.stream().noneMatch(n -> exported.has(n, label))) {
                        problems.add(query.where() + ": groups by " + label + ", which none of " + known + " has");
                    }
                }
            }
        }
        return problems;
    }

    @Test
    void everyMetricLabelAndValueTheDashboardsQueryIsExported() {
        List<Query> queries = DashboardQueries.allQueries();
        assertTrue(queries.size() > 20, "the dashboards' queries were not found: " + queries);
        List<String> problems = problems(queries, exported);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * Every service's own scrape endpoint serves the request timers the overview splits by {@code app}. In one JVM
     * the services share Helidon's global registry, so this proves each endpoint serves them, not which service
     * recorded a series: in a deployment each process has its own, and Prometheus labels it with its app.
     */
    @Test
    void eachServiceExportsTheRequestMetricsTheOverviewGroupsByApp() {
        for (String service : stack.services().keySet()) {
            Exported own = new Exported(new TreeMap<>());
            own.add(stack.scrape(service));
            for (String metric : List.of("meshmall_http_requests_seconds_count", "meshmall_http_requests_seconds_sum",
                    "meshmall_grpc_calls_seconds_count", "meshmall_grpc_calls_seconds_sum")) {
                assertTrue(own.has(metric), service + " does not export " + metric);
            }
        }
    }

    /** The check itself can fail: a misspelt metric, an unknown label or value, an unlisted Istio metric. */
    @Test
    void aMisspeltMetricLabelOrValueIsReported() {
        List<Query> wrong = List.of(
                new Query("outcome", "sum by (outcome) (rate(meshmall_checkout_outcome_total[5m]))"),
                new Query("reason", "sum(rate(meshmall_order_cancelled_total{reason=\"timout\"}[5m]))"),
                new Query("label", "sum(rate(meshmall_order_cancelled_total{cause=\"timeout\"}[5m]))"),
                new Query("grouping", "sum by (reasons) (rate(meshmall_order_cancelled_total[5m]))"),
                new Query("istio", "sum(rate(istio_request_total[5m]))"));
        List<String> problems = problems(wrong, exported);
        assertEquals(5, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).contains("no service exports meshmall_checkout_outcome_total"), problems.get(0));
        assertTrue(problems.get(1).contains("never has reason=\"timout\""), problems.get(1));
        assertTrue(problems.get(2).contains("has no label cause"), problems.get(2));
        assertTrue(problems.get(3).contains("groups by reasons"), problems.get(3));
        assertTrue(problems.get(4).contains("istio_request_total"), problems.get(4));

        List<Query> right = List.of(
                new Query("outcome", "sum by (outcome) (rate(meshmall_checkout_outcomes_total[5m]))"),
                new Query("reason", "sum(rate(meshmall_order_cancelled_total{reason=\"timeout\", app=~\"$app\"}[5m]))"),
                new Query("istio", "sum(rate(istio_requests_total{reporter=\"destination\"}[5m]))"));
        assertFalse(exported.series().isEmpty());
        assertEquals(List.of(), problems(right, exported));
    }
}

package dev.meshmall.deploycheck;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.meshmall.deploycheck.DashboardQueries.LabelMatcher;
import dev.meshmall.deploycheck.DashboardQueries.Query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.meshmall.deploycheck.Repo.at;
import static dev.meshmall.deploycheck.Repo.list;
import static dev.meshmall.deploycheck.Repo.map;
import static dev.meshmall.deploycheck.Repo.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboards as files, offline: what Grafana needs to load them in compose and in Kubernetes, one copy of
 * each, and that they show what the issue asks. That their metrics exist is {@link DashboardMetricsTest}'s.
 */
class DashboardFilesTest {
    static final List<String> DASHBOARDS = List.of("meshmall-overview.json", "meshmall-shop.json");

    @Test
    void theDashboardsAreTheFilesComposeProvisions() {
        assertEquals(DASHBOARDS, DashboardQueries.files().stream().map(f -> f.getFileName().toString()).toList());
        Map<String, Object> grafana = map(at(Repo.documents(Repo.ROOT.resolve("compose/compose.yaml")).getFirst(),
                "services", "grafana"));
        String providerPath = (String) at(list(at(Repo.documents(Repo.ROOT.resolve(
                "compose/grafana/provisioning/dashboards/meshmall.yaml")).getFirst(), "providers")).getFirst(),
                "options", "path");
        assertTrue(list(grafana.get("volumes")).contains("./grafana/dashboards:" + providerPath + ":ro"),
                "compose mounts compose/grafana/dashboards where the provider reads: " + grafana.get("volumes"));
        assertTrue(list(grafana.get("volumes")).contains("./grafana/provisioning:/etc/grafana/provisioning:ro"));
    }

    @Test
    void everyPanelAndVariableQueriesTheProvisionedPrometheusByUid() {
        Map<String, Object> datasource = map(list(at(Repo.documents(Repo.ROOT.resolve(
                "compose/grafana/provisioning/datasources/prometheus.yaml")).getFirst(), "datasources")).getFirst());
        String uid = (String) datasource.get("uid");
        assertEquals("prometheus", datasource.get("type"));
        Set<String> dashboardUids = new HashSet<>();
        for (Path file : DashboardQueries.files()) {
            JsonNode dashboard = DashboardQueries.read(file);
            assertTrue(dashboardUids.add(dashboard.path("uid").asText()), file + " repeats a dashboard uid");
            assertFalse(dashboard.path("title").asText().isBlank(), file + " has no title");
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : DashboardQueries.panels(dashboard)) {
                String where = file.getFileName() + " / " + panel.path("title").asText();
                assertTrue(ids.add(panel.path("id").asInt()), where + " repeats panel id " + panel.path("id"));
                assertTrue(panel.path("gridPos").path("w").asInt() > 0, where + " has no size");
                if ("row".equals(panel.path("type").asText())) {
                    continue;
                }
                assertDatasource(uid, panel.path("datasource"), where);
                assertFalse(panel.path("targets").isEmpty(), where + " queries nothing");
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets")) {
                    assertDatasource(uid, target.path("datasource"), where);
                    assertTrue(refIds.add(target.path("refId").asText()), where + " repeats a refId");
                    assertFalse(target.path("expr").asText().isBlank(), where + " has a target without expr");
                }
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                assertDatasource(uid, variable.path("datasource"), file.getFileName() + " variable " + variable.path("name"));
            }
        }
    }

    private static void assertDatasource(String uid, JsonNode datasource, String where) {
        assertEquals("prometheus", datasource.path("type").asText(), where);
        assertEquals(uid, datasource.path("uid").asText(), where + " names a datasource Grafana is not given");
    }

    /** The services are told apart by {@code app}: each scrape job labels its target with its service's name. */
    @Test
    void prometheusLabelsEveryServiceTargetWithItsApp() {
        Map<String, String> apps = list(at(Repo.documents(Repo.ROOT.resolve("compose/prometheus/prometheus.yml"))
                .getFirst(), "scrape_configs")).stream().map(Repo::map).collect(Collectors.toMap(
                job -> (String) job.get("job_name"),
                job -> String.valueOf(at(list(job.get("static_configs")).getFirst(), "labels", "app"))));
        for (String service : Repo.services()) {
            assertEquals(service, apps.get(service), "compose's Prometheus job for " + service);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kubernetesCarriesEachDashboardAsALabelledConfigMapOfTheSameFile(String overlay) {
        List<Map<String, Object>> docs = Repo.documents(Tools.kustomize(overlay));
        ObjectMapper json = new ObjectMapper();
        for (String file : DASHBOARDS) {
            String name = "grafana-dashboard-" + file.replace(".json", "");
            Map<String, Object> configMap = named(docs, "ConfigMap", name);
            assertEquals("1", at(configMap, "metadata", "labels", "grafana_dashboard"), name);
            Map<String, Object> data = map(at(configMap, "data"));
            assertEquals(Set.of(file), data.keySet(), name);
            try {
                assertEquals(DashboardQueries.read(DashboardQueries.DIR.resolve(file)),
                        json.readTree((String) data.get(file)), name + " is not " + file);
            } catch (java.io.IOException e) {
                throw new AssertionError(name + " holds no JSON", e);
            }
        }
        long labelled = Repo.ofKind(docs, "ConfigMap").stream()
                .filter(c -> at(c, "metadata", "labels", "grafana_dashboard") != null).count();
        assertEquals(DASHBOARDS.size(), labelled, "one ConfigMap per dashboard file, no other");
    }

    @Test
    void theOverviewShowsRateErrorsAndLatencyPerServiceFromTheServicesAndFromIstio() {
        List<Query> queries = DashboardQueries.queries(DashboardQueries.DIR.resolve("meshmall-overview.json"));
        for (String metric : List.of("meshmall_http_requests_seconds_count", "meshmall_http_requests_seconds_sum",
                "meshmall_grpc_calls_seconds_count", "meshmall_grpc_calls_seconds_sum")) {
            assertTrue(queried(queries, metric, "app"), "the overview groups " + metric + " by app");
        }
        assertTrue(matched(queries, "meshmall_http_requests_seconds_count", "status", "=~", "5.."), "REST 5xx");
        assertTrue(queried(queries, "istio_requests_total", "destination_workload"));
        assertTrue(matched(queries, "istio_requests_total", "response_code", "=~", "5.."), "mesh 5xx");
        assertTrue(queries.stream().anyMatch(q -> q.expr().startsWith("histogram_quantile(")
                && DashboardQueries.metrics(q.expr()).contains("istio_request_duration_milliseconds_bucket")
                && DashboardQueries.groupingLabels(q.expr()).containsAll(Set.of("le", "destination_workload"))),
                "mesh latency percentiles per destination_workload");
    }

    @Test
    void theShopShowsCheckoutsPaymentsOrdersAutoCancelsStockRefusalsAndStepLatency() {
        List<Query> queries = DashboardQueries.queries(DashboardQueries.DIR.resolve("meshmall-shop.json"));
        assertTrue(queried(queries, "meshmall_checkout_outcomes_total", "outcome"), "checkouts by outcome");
        assertTrue(matched(queries, "meshmall_checkout_outcomes_total", "kind", "=", "checkout"));
        assertTrue(matched(queries, "meshmall_checkout_outcomes_total", "kind", "=", "pay"));
        assertTrue(queried(queries, "meshmall_payment_charges_total", "outcome"), "payments by outcome");
        assertTrue(queries.stream().anyMatch(q -> DashboardQueries.metrics(q.expr()).contains("meshmall_order_placed_total")));
        assertTrue(queried(queries, "meshmall_order_cancelled_total", "reason"), "cancellations by reason");
        assertTrue(matched(queries, "meshmall_order_cancelled_total", "reason", "=", "timeout"), "auto-cancelled");
        assertTrue(matched(queries, "meshmall_product_reservations_total", "outcome", "=", "refused"), "stock refusals");
        assertTrue(queried(queries, "meshmall_checkout_step_seconds_sum", "step"), "checkout step latency");
    }

    private static boolean queried(List<Query> queries, String metric, String groupedBy) {
        return queries.stream().anyMatch(q -> DashboardQueries.metrics(q.expr()).contains(metric)
                && DashboardQueries.groupingLabels(q.expr()).contains(groupedBy));
    }

    private static boolean matched(List<Query> queries, String metric, String label, String op, String value) {
        return queries.stream().flatMap(q -> DashboardQueries.matchers(q.expr()).stream())
                .anyMatch(m -> m.equals(new LabelMatcher(metric, label, op, value)));
    }

    // ---- the reading of PromQL the checks rely on

    @Test
    void metricNamesAreReadPastFunctionsGroupingsMatchersRangesAndVariables() {
        assertEquals(Set.of("istio_request_duration_milliseconds_bucket"), DashboardQueries.metrics(
                "histogram_quantile(0.95, sum by (destination_workload, le) (rate("
                        + "istio_request_duration_milliseconds_bucket{reporter=\"destination\", app=~\"$app\"}[$__rate_interval])))"));
        assertEquals(new LinkedHashSet<>(List.of("a_sum", "a_count")), DashboardQueries.metrics(
                "sum by (app) (rate(a_sum[5m] offset 1h)) / on (app) sum(rate(a_count{x=\"by (y)\"}[1m])) * 60 > bool 1e3"));
        assertEquals(Set.of("meshmall_order_placed_total"),
                DashboardQueries.metrics("sum(increase(meshmall_order_placed_total[$__range]))"));
        assertEquals("up{job=\"x\"}", DashboardQueries.variableExpr("label_values(up{job=\"x\"}, app)"));
    }

    @Test
    void matchersAndGroupingsAreReadWithTheirMetric() {
        String expr = "sum by (app, le) (rate(m_count{status=~\"5..\", app=~\"$app\"}[1m])) / ignoring (le) n{k=\"v\"}";
        assertEquals(List.of(new LabelMatcher("m_count", "status", "=~", "5.."),
                new LabelMatcher("m_count", "app", "=~", "$app"),
                new LabelMatcher("n", "k", "=", "v")), DashboardQueries.matchers(expr));
        assertEquals(new LinkedHashSet<>(List.of("app", "le")), DashboardQueries.groupingLabels(expr));
    }
}

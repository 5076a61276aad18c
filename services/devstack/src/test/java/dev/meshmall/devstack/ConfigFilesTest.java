package dev.meshmall.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigFilesTest {
    @TempDir
    Path folder;

    @Test
    void everyServiceGetsAFileWithItsHotKeysAtTheValuesOfItsApplicationYaml() {
        ConfigFiles files = ConfigFiles.in(folder);
        for (ServiceSpec service : Topology.load().services()) {
            Config defaults = yaml(applicationYaml(service.name()));

            Config seeded = yaml(files.seed(service.name(), defaults));

            List<String> keys = seeded.traverse().filter(Config::isLeaf).map(node -> node.key().toString()).toList();
            assertThat(service.name(), keys, hasItem("log.level"));
            for (String key : keys) {
                assertThat(service.name() + " " + key, seeded.get(key).asString().get(),
                        is(defaults.get(key).asString().get()));
            }
        }
        assertThat(yaml(files.of("order")).get("order.payment-timeout").asString().get(), is("PT15M"));
        assertThat(yaml(files.of("auth")).get("auth.access-token-ttl").asString().get(), is("PT15M"));
    }

    @Test
    void aFileThatExistsIsTheUsersAndIsNeverOverwritten() throws Exception {
        ConfigFiles files = ConfigFiles.in(folder);
        Files.writeString(files.of("order"), "order:\n  payment-timeout: PT2M\n");

        files.seed("order", yaml(applicationYaml("order")));

        assertThat(Files.readString(files.of("order")), is("order:\n  payment-timeout: PT2M\n"));
    }

    @Test
    void aValueYamlWouldMisreadIsQuotedAndReadsBackAsWritten() {
        ConfigFiles files = new ConfigFiles(folder, Map.of("probe", List.of("probe.greeting", "probe.empty")));
        Config defaults = Config.just(ConfigSources.create(Map.of("probe.greeting", "hello: #world", "probe.empty", "")));

        Config seeded = yaml(files.seed("probe", defaults));

        assertThat(seeded.get("probe.greeting").asString().get(), is("hello: #world"));
        assertThat(seeded.get("probe.empty").asString().get(), is(""));
    }

    @Test
    void aHotKeyMissingFromTheApplicationYamlStopsTheStartNamingIt() {
        ConfigFiles files = new ConfigFiles(folder, Map.of("order", List.of("order.no-such-key")));

        StartFailure failure = assertThrows(StartFailure.class,
                () -> files.seed("order", yaml(applicationYaml("order"))));

        assertThat(failure.getMessage(), containsString("order.no-such-key"));
    }

    /** Beside this module: the test runs in {@code services/devstack}. */
    private static Path applicationYaml(String service) {
        return Path.of("..", service, "src", "main", "resources", "application.yaml").toAbsolutePath().normalize();
    }

    private static Config yaml(Path file) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.file(file))
                .build();
    }
}

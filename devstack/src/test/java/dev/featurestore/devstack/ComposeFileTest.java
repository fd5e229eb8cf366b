package dev.featurestore.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps {@code compose/docker-compose.yml} honest: every service it builds is a module of this
 * repository, and every environment variable it sets on a service is a property of that service's
 * {@code application.yml} under Micronaut's environment-variable mapping.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void composeBuildsEveryServiceOfTheSuite() throws IOException {
        Map<String, Map<String, Object>> built = builtServices();

        assertThat(built.keySet()).containsExactlyInAnyOrder(
                "registry-service", "serving-service", "historical-service", "materialization-service", "monitoring-service");
        for (ServiceKind kind : ServiceKind.values()) {
            Map<String, Object> build = asMap(built.get(kind.module()).get("build"));
            assertThat(asMap(build.get("args")).get("SERVICE")).isEqualTo(kind.module());
            assertThat(ROOT.resolve(kind.module()).resolve("pom.xml")).exists();
            assertThat(ROOT.resolve("compose").resolve(String.valueOf(build.get("dockerfile")).replace("compose/", ""))).exists();
        }
    }

    @Test
    void everyEnvironmentVariableMapsToAPropertyOfItsService() throws IOException {
        List<String> unmapped = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> service : builtServices().entrySet()) {
            Set<String> properties = applicationProperties(service.getKey());
            for (String variable : asMap(service.getValue().get("environment")).keySet()) {
                if (candidateProperties(variable).stream().noneMatch(properties::contains)) {
                    unmapped.add("%s: %s".formatted(service.getKey(), variable));
                }
            }
        }

        assertThat(unmapped).as("environment variables with no property in the service's application.yml").isEmpty();
    }

    @Test
    void mappingRejectsAVariableThatIsNoProperty() {
        Set<String> properties = Set.of("featurestore.s3.access-key", "kafka.bootstrap.servers");

        assertThat(candidateProperties("FEATURESTORE_S3_ACCESS_KEY")).anyMatch(properties::contains);
        assertThat(candidateProperties("KAFKA_BOOTSTRAP_SERVERS")).anyMatch(properties::contains);
        assertThat(candidateProperties("FEATURESTORE_S3_ACCESS_TOKEN")).noneMatch(properties::contains);
    }

    /** The property names Micronaut derives from an environment variable: words joined by '.' or '-'. */
    static Set<String> candidateProperties(String variable) {
        String[] words = variable.toLowerCase(Locale.ROOT).split("_");
        Set<String> candidates = new HashSet<>();
        int gaps = words.length - 1;
        for (int mask = 0; mask < (1 << gaps); mask++) {
            StringBuilder name = new StringBuilder(words[0]);
            for (int gap = 0; gap < gaps; gap++) {
                name.append((mask & (1 << gap)) == 0 ? '.' : '-').append(words[gap + 1]);
            }
            candidates.add(name.toString());
        }
        return candidates;
    }

    private static Map<String, Map<String, Object>> builtServices() throws IOException {
        Map<String, Object> compose = load(ROOT.resolve("compose/docker-compose.yml"));
        Map<String, Map<String, Object>> built = new java.util.TreeMap<>();
        asMap(compose.get("services")).forEach((name, definition) -> {
            Map<String, Object> service = asMap(definition);
            if (service.containsKey("build")) {
                built.put(name, service);
            }
        });
        return built;
    }

    private static Set<String> applicationProperties(String module) throws IOException {
        Path file = ROOT.resolve(module).resolve("src/main/resources/application.yml");
        assertThat(file).exists();
        Set<String> keys = new TreeSet<>();
        flatten("", load(file), keys);
        return keys;
    }

    private static void flatten(String prefix, Map<String, Object> map, Set<String> keys) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?>) {
                flatten(name, asMap(value), keys);
            }
            else {
                keys.add(name);
            }
        });
    }

    private static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return asMap(new Yaml().load(reader));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        if (value == null) {
            return Map.of();
        }
        Map<Object, Object> raw = (Map<Object, Object>) value;
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        raw.forEach((key, entry) -> map.put(String.valueOf(key), entry));
        return map;
    }
}

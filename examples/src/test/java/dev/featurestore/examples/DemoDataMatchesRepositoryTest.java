package dev.featurestore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.DefinitionDocument;
import dev.featurestore.contracts.definition.Entity;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.KafkaSource;
import dev.featurestore.contracts.definition.ParquetSource;
import dev.featurestore.contracts.definition.PushSource;
import dev.featurestore.contracts.definition.RequestSource;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.json.ContractsJson;
import dev.featurestore.contracts.repository.FeatureRepository;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.LocalObjectStore;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.ParquetObject;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.Row;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageUri;
import io.micronaut.core.type.Argument;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The files the generator writes have the columns the example repository (examples/feature_repo) reads. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataMatchesRepositoryTest {
    private static final Path REPOSITORY = Path.of("feature_repo");

    private final ObjectStore store = new LocalObjectStore();
    private final ParquetScanner scanner = new ParquetScanner(store);
    private DefinitionDocument document;
    private StorageUri root;

    @BeforeAll
    void writeSmallDataAndLoadRepository(@TempDir Path directory) throws IOException {
        document = ContractsJson.mapper().readValue(FeatureRepository.load(REPOSITORY).json(), Argument.of(DefinitionDocument.class));
        root = StorageUri.of(directory).asPrefix();
        DemoData.write(store, root, DemoData.Settings.defaults(Instant.parse("2026-11-21T10:00:00Z")).withSize(2, 10, 10, 3, 50));
    }

    @AfterAll
    void closeStore() {
        store.close();
    }

    @Test
    void everyParquetSourceOfTheRepositoryIsWrittenWhereItsPathPoints() {
        List<ParquetSource> sources = parquetSources();

        assertThat(sources).extracting(ParquetSource::name).containsExactlyInAnyOrderElementsOf(DemoData.sourcePrefixes().keySet());
        for (ParquetSource source : sources) {
            assertThat(source.path()).isEqualTo(DemoData.DEFAULT_ROOT + DemoData.sourcePrefixes().get(source.name()));
            assertThat(scanner.list(local(source.path()))).as(source.name()).isNotEmpty();
        }
    }

    @Test
    void filesHoldTheTimestampsJoinKeysAndFeaturesOfEveryViewWithTheirTypes() {
        for (FeatureView view : document.featureViewsOrEmpty()) {
            ParquetSource source = batchSource(view.source());
            Map<String, ValueType> expected = new LinkedHashMap<>();
            expected.put(source.timestampField(), ValueType.UNIX_TIMESTAMP);
            if (source.createdTimestampColumn() != null) {
                expected.put(source.createdTimestampColumn(), ValueType.UNIX_TIMESTAMP);
            }
            for (String entityName : view.entities()) {
                for (JoinKey key : entity(entityName).joinKeys()) {
                    expected.put(fileColumn(source, key.name()), key.valueType());
                }
            }
            for (Field feature : view.schema()) {
                expected.put(fileColumn(source, feature.name()), feature.dtype());
            }

            for (ParquetObject object : scanner.list(local(source.path()))) {
                assertThat(fileColumns(object)).as("%s (view %s)", object.uri(), view.name()).containsAllEntriesOf(expected);
            }
        }
    }

    @Test
    void driverStatsNameTheConversionRateAsTheFieldMappingSays() {
        ParquetSource source = batchSource("driver_push");
        assertThat(source.fieldMapping()).containsEntry("conv", "conv_rate");

        RowSchema schema = readSchema(local(source.path()));

        assertThat(schema.names()).contains("conv").doesNotContain("conv_rate");
    }

    @Test
    void theStreamViewsHistoryIsWrittenUnderItsKafkaSourcesBatchSource() {
        FeatureView view = document.featureViewsOrEmpty().stream().filter(candidate -> candidate.name().equals("driver_status")).findFirst().orElseThrow();
        KafkaSource stream = (KafkaSource) source(view.source());
        ParquetSource source = batchSource(view.source());

        assertThat(stream.batchSource()).isEqualTo(source.name());
        assertThat(stream.timestampField()).isEqualTo(source.timestampField());
        assertThat(source.path()).isEqualTo(DemoData.DEFAULT_ROOT + DemoData.DRIVER_STATUS);
        // Stream ingestion appends the join keys, the timestamp and the features, in this order: the history holds the same columns.
        for (ParquetObject object : scanner.list(local(source.path()))) {
            assertThat(fileColumns(object).keySet()).as(object.uri().toString()).containsExactlyElementsOf(DemoData.DRIVER_STATUS_SCHEMA.names());
        }
    }

    @Test
    void entityRowsHoldTheJoinKeysOfEveryEntityAndTheRequestSourceFields() {
        Map<String, ValueType> columns = fileColumns(scanner.list(root.resolve(DemoData.RIDE_ORDERS)).get(0));

        assertThat(columns).containsEntry("event_timestamp", ValueType.UNIX_TIMESTAMP);
        for (Entity entity : document.entitiesOrEmpty()) {
            for (JoinKey key : entity.joinKeys()) {
                assertThat(columns).as("entity %s", entity.name()).containsEntry(key.name(), key.valueType());
            }
        }
        RequestSource request = (RequestSource) source("ride_request");
        for (Field field : request.schema()) {
            assertThat(columns).as("request source field").containsEntry(field.name(), field.dtype());
        }
        assertThat(columns).containsEntry("completed", ValueType.BOOL);
    }

    private Map<String, ValueType> fileColumns(ParquetObject object) {
        Map<String, ValueType> columns = new LinkedHashMap<>();
        for (Column column : readSchema(object.uri()).columns()) {
            columns.put(column.name(), column.type());
        }
        object.partitions().keySet().forEach(columns::remove);
        return columns;
    }

    private RowSchema readSchema(StorageUri uri) {
        List<Row> rows = scanner.readAll(ScanRequest.of(uri));
        assertThat(rows).as("rows of %s", uri).isNotEmpty();
        return rows.get(0).schema();
    }

    /** A source's path below the default root, moved to this test's directory. */
    private StorageUri local(String path) {
        assertThat(path).startsWith(DemoData.DEFAULT_ROOT);
        return root.resolve(path.substring(DemoData.DEFAULT_ROOT.length()));
    }

    private static String fileColumn(ParquetSource source, String name) {
        Map<String, String> mapping = Optional.ofNullable(source.fieldMapping()).orElse(Map.of());
        return mapping.entrySet().stream().filter(entry -> entry.getValue().equals(name)).map(Map.Entry::getKey).findFirst().orElse(name);
    }

    private List<ParquetSource> parquetSources() {
        return document.dataSourcesOrEmpty().stream()
                .filter(ParquetSource.class::isInstance)
                .map(ParquetSource.class::cast)
                .toList();
    }

    private ParquetSource batchSource(String name) {
        DataSource source = source(name);
        if (source instanceof PushSource push) {
            return batchSource(push.batchSource());
        }
        if (source instanceof KafkaSource kafka) {
            return batchSource(kafka.batchSource());
        }
        assertThat(source).as("batch source of %s", name).isInstanceOf(ParquetSource.class);
        return (ParquetSource) source;
    }

    private DataSource source(String name) {
        return document.dataSourcesOrEmpty().stream().filter(source -> source.name().equals(name)).findFirst().orElseThrow();
    }

    private Entity entity(String name) {
        return document.entitiesOrEmpty().stream().filter(entity -> entity.name().equals(name)).findFirst().orElseThrow();
    }
}

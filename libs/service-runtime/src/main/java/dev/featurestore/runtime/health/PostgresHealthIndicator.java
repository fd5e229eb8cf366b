package dev.featurestore.runtime.health;

import static java.util.Objects.requireNonNull;

import dev.featurestore.runtime.config.Redaction;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;

/** {@code postgresql}: {@code SELECT 1} on the default data source, active in services that have one. */
@Singleton
@Requires(classes = DataSourceResolver.class)
@Requires(beans = DataSource.class)
public final class PostgresHealthIndicator extends DependencyHealthIndicator {
    public static final String NAME = "postgresql";

    private final DataSource dataSource;
    private final String url;

    public PostgresHealthIndicator(
            DataSource dataSource,
            @Nullable DataSourceResolver dataSourceResolver,
            @Nullable @Property(name = "datasources.default.url") String url,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor,
            HealthProperties properties) {
        super(NAME, executor, properties);
        requireNonNull(dataSource, "dataSource is null");
        // Micronaut Data wraps the data source; plain JDBC outside a transaction needs the real one.
        this.dataSource = dataSourceResolver == null ? dataSource : dataSourceResolver.resolve(dataSource);
        this.url = Redaction.redactJdbcUrl(url);
    }

    @Override
    protected Map<String, Object> location() {
        return Map.of("url", url);
    }

    @Override
    protected Map<String, Object> probe(Duration timeout) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            statement.execute("SELECT 1");
            DatabaseMetaData metaData = connection.getMetaData();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("version", metaData.getDatabaseProductVersion());
            details.put("schema", String.valueOf(connection.getSchema()));
            return details;
        }
    }
}

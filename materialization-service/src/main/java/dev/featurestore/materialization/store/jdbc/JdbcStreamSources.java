package dev.featurestore.materialization.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.featurestore.materialization.domain.stream.StreamSources;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link StreamSources} in table {@code stream_source} of schema {@code materialization}. */
@Singleton
class JdbcStreamSources implements StreamSources {
    private final JdbcOperations jdbc;

    JdbcStreamSources(JdbcOperations jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    @Override
    @Transactional
    public void replace(String project, Map<String, String> topics) {
        jdbc.prepareStatement("DELETE FROM stream_source WHERE project = ?", statement -> {
            statement.setString(1, project);
            return statement.executeUpdate();
        });
        topics.forEach((source, topic) -> jdbc.prepareStatement("INSERT INTO stream_source (project, source, topic) VALUES (?, ?, ?)", statement -> {
            statement.setString(1, project);
            statement.setString(2, source);
            statement.setString(3, topic);
            return statement.executeUpdate();
        }));
    }

    @Override
    @Transactional
    public List<StreamSource> all() {
        return jdbc.prepareStatement("SELECT project, source, topic FROM stream_source ORDER BY topic, project, source", statement -> {
            List<StreamSource> sources = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    sources.add(new StreamSource(result.getString(1), result.getString(2), result.getString(3)));
                }
            }
            return sources;
        });
    }
}

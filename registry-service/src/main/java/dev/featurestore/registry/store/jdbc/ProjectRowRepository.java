package dev.featurestore.registry.store.jdbc;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProjectRowRepository extends GenericRepository<ProjectRow, String> {
    boolean existsByName(String name);

    boolean existsByNameAndDeletedAtIsNull(String name);

    Optional<ProjectRow> findByNameAndDeletedAtIsNull(String name);

    @Query("SELECT * FROM project WHERE deleted_at IS NULL ORDER BY name")
    List<ProjectRow> listLive();
}

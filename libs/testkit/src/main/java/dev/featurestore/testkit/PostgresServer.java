package dev.featurestore.testkit;

/** A real PostgreSQL 17 server. */
public interface PostgresServer extends ManagedServer {
    /** JDBC URL of the default database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/featurestore}. */
    String jdbcUrl();

    String user();

    String password();

    /** Creates a new empty database and returns its JDBC URL, for a test that needs isolation. */
    String createDatabase(String name);
}

package dev.featurestore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresServerTest {
    private final PostgresServer postgres = TestStack.shared().postgres();

    @Test
    void runsPostgresql17() throws SQLException {
        try (Connection connection = connect(postgres.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("select version()")) {
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getString(1)).startsWith("PostgreSQL 17");
        }
    }

    @Test
    void storesAndReadsBackRowsInTheDefaultDatabase() throws SQLException {
        try (Connection connection = connect(postgres.jdbcUrl())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table round_trip (id int primary key, name text not null)");
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into round_trip values (?, ?)")) {
                insert.setInt(1, 1);
                insert.setString(2, "driver_hourly_stats");
                insert.executeUpdate();
            }
            try (Statement statement = connection.createStatement();
                    ResultSet resultSet = statement.executeQuery("select name from round_trip where id = 1")) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getString(1)).isEqualTo("driver_hourly_stats");
            }
        }
    }

    @Test
    void createsAnIsolatedDatabaseOwnedByTheTestUser() throws SQLException {
        String url = postgres.createDatabase("isolated_test");

        assertThat(postgres.createDatabase("isolated_test")).isEqualTo(url);
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("select current_database(), current_user")) {
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getString(1)).isEqualTo("isolated_test");
            assertThat(resultSet.getString(2)).isEqualTo(postgres.user());
        }
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, postgres.user(), postgres.password());
    }
}

package dev.featurestore.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** CREATE DATABASE over JDBC, for servers the testkit reaches only through a URL. */
final class Databases {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Databases() {
    }

    static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match %s: %s".formatted(NAME, name));
        }
        return name;
    }

    /** Creates the database unless it exists, connecting as a user allowed to; returns its URL. */
    static String create(String jdbcUrl, String user, String password, String name) {
        checkName(name);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            boolean exists;
            try (PreparedStatement statement = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                statement.setString(1, name);
                try (ResultSet resultSet = statement.executeQuery()) {
                    exists = resultSet.next();
                }
            }
            if (!exists) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("create database " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database %s".formatted(name), e);
        }
        return JdbcUrls.withDatabase(jdbcUrl, name);
    }
}

package dev.featurestore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void replacesTheDatabaseKeepingHostAndParameters() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db:5432/featurestore?sslmode=require", "other"))
                .isEqualTo("jdbc:postgresql://db:5432/other?sslmode=require");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://127.0.0.1:15432/featurestore", "other"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:15432/other");
    }

    @Test
    void rejectsAUrlOfAnotherDatabaseKind() {
        assertThatThrownBy(() -> JdbcUrls.withDatabase("jdbc:mysql://db/x", "other"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

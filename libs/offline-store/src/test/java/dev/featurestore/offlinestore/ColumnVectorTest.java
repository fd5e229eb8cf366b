package dev.featurestore.offlinestore;

import static dev.featurestore.contracts.definition.ValueType.FLOAT64;
import static dev.featurestore.contracts.definition.ValueType.INT64;
import static dev.featurestore.contracts.definition.ValueType.STRING;
import static dev.featurestore.offlinestore.RowSchema.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnVectorTest {
    private static final Column TRIPS = column("trips", INT64);
    private static final Column RATE = column("rate", FLOAT64);
    private static final Column CITY = column("city", STRING);

    @Test
    void gatherPicksRowsFromSeveralVectorsWithTheirNullsAndNullWhereNoVectorIsGiven() {
        ColumnVector first = vector(TRIPS, 10L, null, 30L);
        ColumnVector second = vector(TRIPS, 40L, 50L);

        ColumnVector gathered = ColumnVector.gather(TRIPS, List.of(first, second), new int[] {1, 0, -1, 0, 1, 9}, new int[] {1, 2, 0, 1, 0, 9}, 5);

        assertThat(values(gathered)).containsExactly(50L, 30L, null, null, 40L);
        assertThat(gathered.column()).isEqualTo(TRIPS);
        assertThat(gathered.hasNulls()).isTrue();
    }

    @Test
    void gatherOfDoublesAndObjectsWithoutNullsHasNoNulls() {
        ColumnVector rates = vector(RATE, 0.5, 1.5, 2.5);
        ColumnVector cities = vector(CITY, "Oslo", "Lima");

        ColumnVector gatheredRates = ColumnVector.gather(RATE, List.of(rates), new int[] {0, 0, 0}, new int[] {2, 0, 2}, 3);
        ColumnVector gatheredCities = ColumnVector.gather(CITY, List.of(cities), new int[] {0, 0}, new int[] {1, 0}, 2);

        assertThat(values(gatheredRates)).containsExactly(2.5, 0.5, 2.5);
        assertThat(values(gatheredCities)).containsExactly("Lima", "Oslo");
        assertThat(gatheredRates.hasNulls()).isFalse();
        assertThat(gatheredCities.hasNulls()).isFalse();
    }

    @Test
    void gatherFromAVectorOfAnotherTypeIsRejectedNamingBoth() {
        assertThatThrownBy(() -> ColumnVector.gather(TRIPS, List.of(vector(RATE, 1.0)), new int[] {0}, new int[] {0}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'trips'")
                .hasMessageContaining("FLOAT64");
    }

    @Test
    void sliceCopiesARangeWithItsNulls() {
        ColumnVector trips = vector(TRIPS, 1L, null, 3L, 4L);

        ColumnVector slice = trips.slice(1, 2);

        assertThat(values(slice)).containsExactly(null, 3L);
        assertThat(values(trips.slice(2, 2))).containsExactly(3L, 4L);
        assertThat(trips.slice(2, 2).hasNulls()).isFalse();
        assertThat(trips.slice(4, 0).size()).isZero();
        assertThatThrownBy(() -> trips.slice(3, 2)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("4 rows");
    }

    private static ColumnVector vector(Column column, Object... values) {
        ColumnVector.Builder builder = ColumnVector.builder(column, values.length);
        Arrays.stream(values).forEach(builder::append);
        return builder.build();
    }

    private static List<Object> values(ColumnVector vector) {
        List<Object> values = new ArrayList<>();
        for (int row = 0; row < vector.size(); row++) {
            values.add(vector.get(row));
        }
        return values;
    }
}

package dev.featurestore.historical.api;

import dev.featurestore.contracts.json.JsonTypedValues;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ColumnVector;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code wait=true}: the job, and the result as columns in entity-row order (timestamps as
 * RFC 3339 UTC strings, bytes as base64).
 */
@Serdeable
public record InlineResultResponse(JobResponse job, Map<String, List<Object>> rows) {

    static Map<String, List<Object>> columns(List<String> names, List<ColumnBatch> batches) {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        names.forEach(name -> columns.put(name, new ArrayList<>()));
        for (ColumnBatch batch : batches) {
            for (int column = 0; column < batch.schema().size(); column++) {
                ColumnVector vector = batch.vector(column);
                List<Object> values = columns.get(batch.schema().column(column).name());
                for (int row = 0; row < batch.size(); row++) {
                    values.add(JsonTypedValues.toJson(vector.get(row)));
                }
            }
        }
        return columns;
    }
}

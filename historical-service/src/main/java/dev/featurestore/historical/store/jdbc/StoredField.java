package dev.featurestore.historical.store.jdbc;

import dev.featurestore.contracts.definition.ValueType;
import io.micronaut.serde.annotation.Serdeable;

/** A column of a job's output in the {@code output_schema} JSON column. */
@Serdeable
record StoredField(String name, ValueType dtype) {
}

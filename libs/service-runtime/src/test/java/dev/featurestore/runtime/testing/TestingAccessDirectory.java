package dev.featurestore.runtime.testing;

import dev.featurestore.contracts.access.AccessSnapshot;
import dev.featurestore.contracts.access.ApiKeyRecord;
import dev.featurestore.contracts.access.ApiKeys;
import dev.featurestore.contracts.access.Role;
import dev.featurestore.contracts.access.RoleBinding;
import dev.featurestore.runtime.security.AccessDirectory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory of fixed keys for role tables ({@link AccessTable}), in place of the registry's, when a test sets
 * {@code featurestore.test.access-table: true}: one key per role in project {@link #PROJECT}, and a viewer of another
 * project.
 */
@Singleton
@Replaces(AccessDirectory.class)
@Requires(property = "featurestore.test.access-table", value = "true")
public final class TestingAccessDirectory implements AccessDirectory {
    public static final String PROJECT = "access_table";
    public static final String OTHER_PROJECT = "access_table_other";
    /** Callers by name: each role of {@link #PROJECT}, and {@code viewer_elsewhere} (a viewer of {@link #OTHER_PROJECT}). */
    public static final Map<String, String> KEYS = keys();

    private static final AccessSnapshot.Index INDEX = index();

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        int id = 1;
        for (String caller : List.of("viewer", "ingester", "editor", "admin", "pii_reader", "viewer_elsewhere")) {
            keys.put(caller, "fsk_%012x_%s".formatted(0xacce55000L + id++, (caller.replace("_", "") + "SecretOfTheAccessTable".repeat(3)).substring(0, 43)));
        }
        return Map.copyOf(keys);
    }

    private static AccessSnapshot.Index index() {
        List<ApiKeyRecord> records = new ArrayList<>();
        List<RoleBinding> bindings = new ArrayList<>();
        KEYS.forEach((caller, key) -> {
            String keyId = ApiKeys.parse(key).orElseThrow().keyId();
            boolean elsewhere = caller.equals("viewer_elsewhere");
            String project = elsewhere ? OTHER_PROJECT : PROJECT;
            records.add(new ApiKeyRecord(keyId, ApiKeys.sha256Hex(key), caller, project, Instant.EPOCH, "test", null, false));
            bindings.add(new RoleBinding(project, ApiKeys.principalOf(keyId), elsewhere ? Role.VIEWER : Role.fromWireName(caller)));
        });
        return new AccessSnapshot(1, records, bindings).index();
    }

    @Override
    public AccessSnapshot.Index current() {
        return INDEX;
    }

    @Override
    public void refresh() {
        // fixed
    }
}

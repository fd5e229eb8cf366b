package dev.featurestore.contracts.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.featurestore.contracts.validation.Text;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A role bound to a principal in a project (or in every project, {@code *}). Roles nest: an ingester can read, an
 * editor can also ingest, an admin can do everything, including reading features tagged {@code pii}.
 * {@code pii_reader} adds the reading of {@code pii} features to whatever else the principal holds.
 */
@Serdeable
public enum Role {
    VIEWER("viewer", EnumSet.of(Permission.READ)),
    INGESTER("ingester", EnumSet.of(Permission.READ, Permission.INGEST)),
    EDITOR("editor", EnumSet.of(Permission.READ, Permission.INGEST, Permission.EDIT)),
    ADMIN("admin", EnumSet.allOf(Permission.class)),
    PII_READER("pii_reader", EnumSet.of(Permission.READ, Permission.READ_PII));

    private final String wireName;
    private final Set<Permission> permissions;

    Role(String wireName, Set<Permission> permissions) {
        this.wireName = wireName;
        this.permissions = Set.copyOf(permissions);
    }

    @JsonCreator
    public static Role fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(role -> role.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role %s, expected one of %s".formatted(
                        wireName == null ? "null" : Text.quote(wireName), wireNames())));
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public Set<Permission> permissions() {
        return permissions;
    }
}

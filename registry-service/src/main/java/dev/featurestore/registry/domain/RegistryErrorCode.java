package dev.featurestore.registry.domain;

import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.runtime.error.ErrorCode;
import dev.featurestore.runtime.error.ErrorKind;
import dev.featurestore.runtime.error.FeatureStoreException;

/** Errors of the registry family. */
public enum RegistryErrorCode implements ErrorCode {
    PROJECT_NOT_FOUND(404, "Project not found"),
    PROJECT_ALREADY_EXISTS(409, "Project already exists"),
    PROJECT_NOT_EMPTY(409, "Project not empty"),
    OBJECT_NOT_FOUND(404, "Object not found"),
    VERSION_NOT_FOUND(404, "Version not found"),
    UNKNOWN_KIND(404, "Unknown kind of object"),
    BREAKING_CHANGE(409, "Breaking change"),
    OBJECT_IN_USE(409, "Object in use"),
    REGISTRY_VERSION_MISMATCH(409, "Registry version mismatch"),
    API_KEY_NOT_FOUND(404, "API key not found"),
    ROLE_BINDING_NOT_FOUND(404, "Role binding not found");

    private final int httpStatus;
    private final String title;

    RegistryErrorCode(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.USER;
    }

    @Override
    public String title() {
        return title;
    }

    /** {@code PROJECT_NOT_FOUND} for a project that does not exist (or was deleted). */
    public static FeatureStoreException projectNotFound(String project) {
        return new FeatureStoreException(PROJECT_NOT_FOUND, "No project '%s'".formatted(project));
    }

    /** {@code OBJECT_NOT_FOUND} for an object a project does not hold. */
    public static FeatureStoreException objectNotFound(String project, ObjectKind kind, String name) {
        return new FeatureStoreException(OBJECT_NOT_FOUND, "Project '%s' has no %s '%s'".formatted(project, kind.wireName(), name));
    }
}

package dev.featurestore.runtime.events;

import dev.featurestore.runtime.error.FeatureStoreException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells an infrastructure failure (worth waiting for: the event is good, a dependency is not) from a failure on the
 * event itself (worth a few quick retries, then the dead-letter topic).
 *
 * <p>A failure is infrastructure when it or any of its causes is: a JDBC connection, transient or recoverable error
 * (SQLState classes {@code 08} connection, {@code 40} serialization/deadlock, {@code 53} insufficient resources,
 * {@code 57} operator intervention, {@code 58} system error; Hikari's pool timeout); a socket that could not connect,
 * timed out or was reset; a Kafka retriable error; a Redis connection or command timeout; an AWS SDK client error
 * (network) or an S3 answer of 5xx/429; the registry client's {@code RegistryUnavailableException}; an HTTP client that could not reach its server; a {@link FeatureStoreException}
 * of {@code SERVICE_UNAVAILABLE} or {@code DEPENDENCY_TIMEOUT}. Everything else (an arithmetic overflow, a
 * {@code DateTimeException}, a bad definition, a missing object) is a failure on the event.
 */
public final class EventFailures {
    private static final Set<String> SQL_STATE_CLASSES = Set.of("08", "40", "53", "57", "58");
    private static final Set<String> TRANSIENT_CLASS_NAMES = Set.of(
            "org.apache.kafka.common.errors.RetriableException",
            "org.apache.kafka.common.errors.TimeoutException",
            "org.apache.kafka.common.errors.DisconnectException",
            "io.lettuce.core.RedisConnectionException",
            "io.lettuce.core.RedisCommandTimeoutException",
            "io.lettuce.core.RedisCommandInterruptedException",
            "software.amazon.awssdk.core.exception.SdkClientException",
            "software.amazon.awssdk.core.exception.ApiCallTimeoutException",
            "software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException",
            "io.micronaut.http.client.exceptions.HttpClientException",
            "io.micronaut.http.client.exceptions.ReadTimeoutException",
            "io.micronaut.transaction.exceptions.CannotCreateTransactionException",
            "dev.featurestore.registryclient.RegistryUnavailableException");
    private static final Set<String> RETRYABLE_STATUS_CLASS_NAMES = Set.of(
            "software.amazon.awssdk.awscore.exception.AwsServiceException",
            "io.micronaut.http.client.exceptions.HttpClientResponseException");

    private EventFailures() {
    }

    /** True when the failure (or one of its causes) is an infrastructure failure, as the class comment defines. */
    public static boolean isInfrastructure(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable current = failure; current != null && seen.put(current, Boolean.TRUE) == null; current = current.getCause()) {
            if (isInfrastructureItself(current)) {
                return true;
            }
        }
        return false;
    }

    /** The failure's message (its class name when it has none), cut to {@code maxLength} characters and an ellipsis. */
    public static String describe(Throwable failure, int maxLength) {
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        return message.length() <= maxLength ? message : message.substring(0, maxLength) + "...";
    }

    private static boolean isInfrastructureItself(Throwable failure) {
        if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException) {
            return true;
        }
        if (failure instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                && SQL_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
            return true;
        }
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException || failure instanceof SocketTimeoutException
                || failure instanceof UnknownHostException || failure instanceof SocketException || failure instanceof InterruptedIOException
                || failure instanceof TimeoutException) {
            return true;
        }
        if (failure instanceof FeatureStoreException featureStore) {
            return featureStore.code().httpStatus() == 503 || featureStore.code().httpStatus() == 504;
        }
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (TRANSIENT_CLASS_NAMES.contains(type.getName())) {
                return true;
            }
            if (RETRYABLE_STATUS_CLASS_NAMES.contains(type.getName())) {
                int status = statusOf(failure);
                return status >= 500 || status == 429;
            }
        }
        return false;
    }

    private static int statusOf(Throwable failure) {
        for (String method : new String[] {"statusCode", "code"}) {
            try {
                Object value = failure.getClass().getMethod(method).invoke(failure);
                if (value instanceof Integer status) {
                    return status;
                }
            }
            catch (ReflectiveOperationException | RuntimeException e) {
                // not this accessor
            }
        }
        return 0;
    }
}

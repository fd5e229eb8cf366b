package dev.featurestore.monitoring.domain.webhook;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Webhooks and their deliveries. */
public interface WebhookStore {
    /** @return false when the project already has a webhook of that URL */
    boolean create(Webhook webhook);

    List<Webhook> list(Optional<String> project);

    Optional<Webhook> find(UUID id);

    /** @return false when there was none */
    boolean delete(UUID id);

    /**
     * Deletes the webhooks of a deleted project registered before it was deleted, with their deliveries (pending ones
     * included), so a project created again under its name starts without them.
     *
     * @return how many webhooks were deleted
     */
    int deleteProject(String project, Instant deletedAt);

    /**
     * Queues the event for every webhook of the project that receives its type, in the caller's transaction.
     *
     * @return how many deliveries were queued
     */
    int enqueue(String project, UUID eventId, String eventType, String payload);

    /**
     * Claims up to {@code limit} pending deliveries that are due (on any instance, each by one), counting the attempt:
     * their next attempt is pushed {@code lease} ahead, so a claim whose instance dies is attempted again then.
     */
    List<Delivery.Attempt> claimDue(Duration lease, int limit);

    void delivered(long id, int status);

    /**
     * An attempt that failed.
     *
     * @param retryIn when to try again, null to give up (the delivery fails)
     */
    void attemptFailed(long id, @Nullable Integer status, String error, @Nullable Duration retryIn);

    /**
     * Deletes deliveries delivered or failed longer ago than {@code retention} (pending ones stay).
     *
     * @return how many were deleted
     */
    int deleteFinishedBefore(Duration retention);

    /** The webhook's deliveries, newest first. */
    List<Delivery> deliveries(UUID webhookId, int limit);
}

package dev.featurestore.monitoring.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.monitoring.domain.freshness.FreshnessTracker;
import dev.featurestore.monitoring.domain.statistics.StatisticsStore;
import dev.featurestore.monitoring.domain.webhook.WebhookStore;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a deleted project leaves in monitoring is removed: its views' freshness (a violated view recovers first with
 * reason {@code view_deleted}, so no alert stays open), its runs' statistics and baselines, its webhooks with their
 * pending and logged deliveries. A project created again under the name starts clean. Only what monitoring knew
 * before the deletion goes: a project created again whose events arrive before the deletion's keeps what they brought.
 */
@Singleton
public class ProjectDeletion {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectDeletion.class);

    private final FreshnessTracker freshness;
    private final StatisticsStore statistics;
    private final WebhookStore webhooks;

    public ProjectDeletion(FreshnessTracker freshness, StatisticsStore statistics, WebhookStore webhooks) {
        this.freshness = requireNonNull(freshness, "freshness is null");
        this.statistics = requireNonNull(statistics, "statistics is null");
        this.webhooks = requireNonNull(webhooks, "webhooks is null");
    }

    /** The registry deleted the project at {@code deletedAt}: removes what monitoring kept of it until then, in one transaction. */
    @Transactional
    public void onProjectDeleted(String project, Instant deletedAt) {
        int views = freshness.forgetProject(project, deletedAt);
        int runs = statistics.deleteProject(project, deletedAt);
        int hooks = webhooks.deleteProject(project, deletedAt);
        LOG.info("Project {} was deleted: removed the freshness of {} view(s), the statistics of {} run(s) and {} webhook(s)", project, views, runs,
                hooks);
    }
}

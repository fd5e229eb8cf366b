package dev.featurestore.materialization.domain.stream;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.events.FeatureStatistics;
import dev.featurestore.contracts.events.MaterializationCompleted;
import dev.featurestore.materialization.domain.statistics.FeatureStatisticsCollector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What stream ingestion materialized per view, reported every {@code stream-report-interval} as a
 * {@code materialization.completed} with trigger {@code stream}: the interval's rows, entities written and unchanged,
 * the smallest and greatest event timestamps (start_ts is the smallest, max_event_timestamp the greatest, end_ts
 * the report's time), and the feature statistics of the rows. So monitoring judges a stream-fed view's freshness and
 * drift as it does a batch view's. Not thread-safe: the stream consumer's thread uses it.
 */
public final class StreamReports {
    /** The trigger of stream reports. */
    public static final String TRIGGER = "stream";

    private final Duration interval;
    private final Map<String, Interval> open = new LinkedHashMap<>();

    public StreamReports(Duration interval) {
        this.interval = requireNonNull(interval, "interval is null");
    }

    /** Adds what a batch wrote for each view of a project. */
    public void add(String project, List<StreamIngestion.ViewBatch> batches, Instant now) {
        for (StreamIngestion.ViewBatch batch : batches) {
            open.computeIfAbsent(project + "/" + batch.view().name(), key -> new Interval(project, batch.view().name(), batch.view().schema(), now))
                    .add(batch);
        }
    }

    /** The reports of views whose interval has passed, now closed (the next rows open a new one). */
    public List<MaterializationCompleted> due(Instant now) {
        List<MaterializationCompleted> due = new ArrayList<>();
        Iterator<Interval> intervals = open.values().iterator();
        while (intervals.hasNext()) {
            Interval next = intervals.next();
            if (!now.isBefore(next.openedAt.plus(interval))) {
                due.add(next.report(now));
                intervals.remove();
            }
        }
        return due;
    }

    /** The reports of every open interval, closed whether due or not (for an instance that stops). */
    public List<MaterializationCompleted> closeAll(Instant now) {
        List<MaterializationCompleted> all = open.values().stream().map(next -> next.report(now)).toList();
        open.clear();
        return all;
    }

    private static final class Interval {
        private final String project;
        private final String view;
        private final List<Field> schema;
        private final Instant openedAt;
        private final List<FeatureStatisticsCollector> collectors = new ArrayList<>();
        private long rows;
        private long written;
        private long unchanged;
        private Instant minEvent;
        private Instant maxEvent;

        private Interval(String project, String view, List<Field> schema, Instant openedAt) {
            this.project = project;
            this.view = view;
            this.schema = List.copyOf(schema);
            this.openedAt = openedAt;
            schema.forEach(field -> collectors.add(new FeatureStatisticsCollector(field.dtype())));
        }

        private void add(StreamIngestion.ViewBatch batch) {
            for (Object[] values : batch.values()) {
                for (int index = 0; index < collectors.size() && index < values.length; index++) {
                    collectors.get(index).add(values[index]);
                }
            }
            rows += batch.values().size();
            written += batch.written();
            unchanged += batch.unchanged();
            minEvent = minEvent == null || batch.minEvent().isBefore(minEvent) ? batch.minEvent() : minEvent;
            maxEvent = maxEvent == null || batch.maxEvent().isAfter(maxEvent) ? batch.maxEvent() : maxEvent;
        }

        private MaterializationCompleted report(Instant now) {
            Map<String, FeatureStatistics> statistics = new LinkedHashMap<>();
            for (int index = 0; index < schema.size(); index++) {
                statistics.put(schema.get(index).name(), collectors.get(index).statistics());
            }
            return new MaterializationCompleted(project, view, UUID.randomUUID().toString(), TRIGGER, minEvent, now, rows, written, unchanged, 0L,
                    maxEvent, Duration.between(openedAt, now).toMillis(), statistics, null);
        }
    }
}

package dev.featurestore.historical.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.Field;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.RequestSource;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.json.TimestampRange;
import dev.featurestore.historical.config.BoundsProperties;
import dev.featurestore.historical.config.HistoricalProperties;
import dev.featurestore.historical.domain.job.Job;
import dev.featurestore.historical.domain.job.JobRequest;
import dev.featurestore.historical.domain.job.JobState;
import dev.featurestore.historical.domain.job.Jobs;
import dev.featurestore.historical.domain.join.JoinPlan;
import dev.featurestore.historical.domain.join.OutputColumn;
import dev.featurestore.historical.domain.join.TrainingSetRows;
import dev.featurestore.historical.domain.join.ValueOrigin;
import dev.featurestore.offlineengine.EngineCancelledException;
import dev.featurestore.offlineengine.EngineFailedException;
import dev.featurestore.offlineengine.EngineListener;
import dev.featurestore.offlineengine.EntityRows;
import dev.featurestore.offlineengine.Export;
import dev.featurestore.offlineengine.ExportResult;
import dev.featurestore.offlineengine.OfflineEngine;
import dev.featurestore.offlineengine.OutputParts;
import dev.featurestore.offlineengine.Retrieval;
import dev.featurestore.offlineengine.RetrievalStatistics;
import dev.featurestore.offlineengine.SourceCheck;
import dev.featurestore.offlineengine.ViewRead;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ObjectNotFoundException;
import dev.featurestore.offlinestore.ObjectStore;
import dev.featurestore.offlinestore.OfflineStoreException;
import dev.featurestore.offlinestore.ParquetObject;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.ParquetWriteOptions;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.ScanPlan;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.StorageRoots;
import dev.featurestore.offlinestore.StorageUnavailableException;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.registryclient.ProjectRegistry;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.RegistryLookupException;
import dev.featurestore.registryclient.RegistryUnavailableException;
import dev.featurestore.registryclient.ResolvedFeatureView;
import dev.featurestore.registryclient.ResolvedFeatures;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.work.DaemonThreads;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training sets: checks a request against the registry and the entity rows before accepting it (so most
 * mistakes are a 400 at submit, not a failed job), stores it as a job, and runs jobs (for {@link JobRunner},
 * or inline for {@code wait=true}).
 */
@Singleton
public class TrainingSets {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingSets.class);
    /**
     * The widest training set the engine exports itself. Measured on 2 cores (bench/README.md, issue 15): 1M rows of 7
     * columns were about 10% faster exported by DuckDB than streamed through the service's writer, 17k rows of 1,003
     * columns 15-20% slower (DuckDB's sort and Parquet writer cost grows with the columns).
     */
    static final int EXPORT_MAX_COLUMNS = 128;

    private final RegistryClient registry;
    private final ObjectStore store;
    private final ParquetScanner scanner;
    private final OfflineEngine engine;
    private final TrainingSetPlanner planner;
    private final Jobs jobs;
    private final HistoricalProperties properties;
    private final StorageRoots roots;
    private final ExecutorService scanExecutor;

    private final TimestampRange timestampRange;

    public TrainingSets(RegistryClient registry, ObjectStore store, OfflineEngine engine, TrainingSetPlanner planner, Jobs jobs,
                        HistoricalProperties properties, StorageRoots roots, BoundsProperties bounds) {
        this.timestampRange = requireNonNull(bounds, "bounds is null").timestampRange();
        this.registry = requireNonNull(registry, "registry is null");
        this.store = requireNonNull(store, "store is null");
        this.scanner = new ParquetScanner(store);
        this.engine = requireNonNull(engine, "engine is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.roots = requireNonNull(roots, "roots is null");
        try {
            roots.check(properties.outputPrefix());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("featurestore.historical.output-prefix: %s".formatted(e.getMessage()), e);
        }
        this.scanExecutor = Executors.newFixedThreadPool(properties.scanThreads() * properties.maxConcurrentJobs(), DaemonThreads.named("historical-scan"));
    }

    @PreDestroy
    void stop() {
        scanExecutor.shutdownNow();
    }

    /** A checked request, ready to run. */
    public record Prepared(JobRequest request, JoinPlan plan, EntityRows entities, Optional<StorageUri> output) {
    }

    /** The outcome of a run. */
    public record Outcome(JobState state, List<String> outputFiles, List<Job.OutputField> schema, Optional<Job.Counts> counts,
            Optional<Job.Failure> failure, List<ColumnBatch> rows) {
    }

    /**
     * Checks a request and queues it as a job.
     *
     * @throws FeatureStoreException 400 naming the bad field, 409 when the output prefix is not empty
     */
    public Job submit(JobRequest request) {
        UUID id = UUID.randomUUID();
        JobRequest withOutput = request.outputUri().isPresent() ? request
                : new JobRequest(request.project(), request.features(), request.featureService(), request.entitySourceUri(), request.inlineRows(),
                        request.timestampColumn(), request.fullFeatureNames(), Optional.of(defaultOutput(id)));
        prepare(withOutput, true);
        jobs.create(id, withOutput, JobState.QUEUED, Optional.empty());
        LOG.info("Queued training-set job {} of project {} into {}", id, request.project(), withOutput.outputUri().get());
        return jobs.find(id).orElseThrow();
    }

    /** Runs an inline request at once (its rows come back), recorded as a job owned by {@code owner}. */
    public Map.Entry<Job, Outcome> runNow(JobRequest request, String owner) {
        if (request.inlineRows().isEmpty()) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, "wait=true needs the entity rows inline",
                    List.of(new FieldError("entity_source", "wait=true takes entity_source.rows, not a URI; submit without wait and poll the job")));
        }
        Prepared prepared = prepare(request, true);
        UUID id = UUID.randomUUID();
        jobs.create(id, request, JobState.RUNNING, Optional.of(owner));
        Outcome outcome = execute(prepared, id, EngineListener.NONE, true);
        jobs.finish(id, owner, outcome.state(), outcome.outputFiles(), outcome.schema(), outcome.counts(), outcome.failure());
        return Map.entry(jobs.find(id).orElseThrow(), outcome);
    }

    /** Runs a claimed job; never throws for data (a failure is the outcome). */
    public Outcome run(Job job, EngineListener listener) {
        Prepared prepared;
        try {
            prepared = prepare(job.request(), false);
        } catch (FeatureStoreException e) {
            return failed(e.code().name(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Job {} could not be prepared", job.id(), e);
            return failed(CommonErrorCode.INTERNAL_ERROR.name(), "the job could not be prepared: %s".formatted(e.getMessage()));
        }
        prepared.output().ifPresent(output -> {
            int deleted = OutputParts.deleteParts(store, output);
            if (deleted > 0) {
                LOG.info("Job {}: deleted {} part files of an interrupted attempt under {}", job.id(), deleted, output);
            }
        });
        return execute(prepared, job.id(), listener, false);
    }

    private Outcome execute(Prepared prepared, UUID id, EngineListener listener, boolean keepRows) {
        RowSchema schema = prepared.plan().outputSchema();
        List<Job.OutputField> fields = prepared.plan().output().stream().map(column -> new Job.OutputField(column.name(), column.type())).toList();
        // Without on-demand features and of at most EXPORT_MAX_COLUMNS columns, the engine writes the part files itself;
        // otherwise they are written here.
        Optional<Export> export = prepared.output()
                .filter(output -> !keepRows && prepared.plan().onDemandSteps().isEmpty() && prepared.plan().output().size() <= EXPORT_MAX_COLUMNS)
                .map(output -> new Export(prepared.plan().output().stream().map(TrainingSets::exportColumn).toList(), output, properties.rowsPerFile()));
        OutputParts parts = prepared.output().filter(output -> export.isEmpty())
                .map(output -> new OutputParts(store, output, schema, properties.rowsPerFile(),
                        ParquetWriteOptions.DEFAULTS.withEncoding(scanExecutor, properties.scanThreads())))
                .orElse(null);
        List<ColumnBatch> rows = new ArrayList<>();
        TrainingSetRows trainingSetRows = new TrainingSetRows(prepared.plan());
        Retrieval retrieval = new Retrieval(prepared.entities(), prepared.plan().timestampColumn(), prepared.plan().views());
        // The part files are encoded and uploaded on a thread of their own while the engine streams the next rows.
        try (PipelinedSink writer = parts == null ? null : new PipelinedSink(parts, 4, "historical-output-%s".formatted(id))) {
            if (export.isPresent()) {
                ExportResult exported = engine.export(retrieval, export.get(), listener);
                return succeeded(id, exported.statistics(), exported.parts().stream().map(StorageUri::toString).toList(), fields, rows);
            }
            RetrievalStatistics statistics = engine.retrieve(retrieval, batch -> {
                ColumnBatch output = trainingSetRows.apply(batch);
                if (writer != null) {
                    writer.accept(output);
                }
                if (keepRows) {
                    rows.add(output);
                }
            }, listener);
            if (writer != null) {
                writer.finish();
            }
            List<String> files = parts == null ? List.of() : parts.finish().stream().map(StorageUri::toString).toList();
            if (trainingSetRows.errorCount() > 0) {
                LOG.info("Job {}: {} on-demand feature values are null because their expression failed, first: {}", id, trainingSetRows.errorCount(),
                        trainingSetRows.firstErrors());
            }
            return succeeded(id, statistics, files, fields, rows);
        } catch (EngineCancelledException e) {
            abort(parts);
            return new Outcome(JobState.CANCELLED, List.of(), fields, Optional.empty(), Optional.empty(), List.of());
        } catch (EngineFailedException e) {
            abort(parts);
            return switch (e.reason()) {
                case SOURCE_SCHEMA_MISMATCH -> failed(HistoricalErrorCode.SOURCE_SCHEMA_MISMATCH.name(), e.getMessage());
                case SOURCE_UNREADABLE -> failed(HistoricalErrorCode.SOURCE_UNREADABLE.name(), e.getMessage());
                case INVALID_ENTITY_ROWS -> failed(CommonErrorCode.INVALID_REQUEST.name(), e.getMessage());
                case ENGINE_ERROR -> {
                    LOG.error("Job {} failed in the offline engine {}", id, engine.name(), e);
                    yield failed(CommonErrorCode.INTERNAL_ERROR.name(), e.getMessage());
                }
            };
        } catch (OfflineStoreException e) {
            abort(parts);
            return failed(HistoricalErrorCode.SOURCE_UNREADABLE.name(), e.getMessage());
        } catch (RuntimeException e) {
            abort(parts);
            LOG.error("Job {} failed", id, e);
            return failed(CommonErrorCode.INTERNAL_ERROR.name(), String.valueOf(e.getMessage()));
        }
    }

    private Outcome succeeded(UUID id, RetrievalStatistics statistics, List<String> files, List<Job.OutputField> fields, List<ColumnBatch> rows) {
        Job.Counts counts = new Job.Counts(statistics.entityRows(), statistics.sourceRowsRead(), statistics.entityRows());
        LOG.info("Job {}: {} entity rows, {} feature rows read on {}, {} files", id, counts.entityRows(), counts.sourceRowsRead(), engine.name(), files.size());
        return new Outcome(JobState.SUCCEEDED, files, fields, Optional.of(counts), Optional.empty(), rows);
    }

    /** An output column of a plan without on-demand features, as a column of the engine's export. */
    private static Export.ExportColumn exportColumn(OutputColumn column) {
        if (column.origin() instanceof ValueOrigin.EntityColumn entity) {
            return new Export.ExportColumn(column.name(), entity.column());
        }
        if (column.origin() instanceof ValueOrigin.ViewFeature feature) {
            return new Export.ExportColumn(column.name(), Retrieval.featureColumn(feature.view(), feature.feature()));
        }
        throw new IllegalArgumentException("on-demand feature %s cannot be exported by the engine".formatted(column.name()));
    }

    private void abort(OutputParts parts) {
        if (parts != null) {
            try {
                parts.abort();
            } catch (RuntimeException e) {
                LOG.warn("Could not delete the partial output: {}", e.getMessage());
            }
        }
    }

    private static Outcome failed(String code, String message) {
        return new Outcome(JobState.FAILED, List.of(), List.of(), Optional.empty(), Optional.of(new Job.Failure(code, message)), List.of());
    }

    /**
     * Checks the request against the registry, the entity rows and the sources.
     *
     * @param atSubmit also check the sources' footers and that the output prefix is empty
     */
    Prepared prepare(JobRequest request, boolean atSubmit) {
        List<FieldError> errors = new ArrayList<>();
        Optional<StorageUri> output = request.outputUri().flatMap(uri -> parseUri(uri, "output_uri", errors));
        Optional<StorageUri> entityUri = request.entitySourceUri().flatMap(uri -> parseUri(uri, "entity_source.uri", errors));
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        ProjectRegistry projectRegistry = projectRegistry(request.project());
        TrainingSetQuery query = new TrainingSetQuery(request.project(), request.features(), request.featureService(),
                request.timestampColumn(), request.fullFeatureNames());

        EntityRows entities;
        if (request.inlineRows().isPresent()) {
            Map<String, List<Object>> rows = request.inlineRows().get();
            int size = rows.values().stream().mapToInt(values -> values == null ? 0 : values.size()).max().orElse(0);
            if (size > properties.inlineRowLimit()) {
                throw new FeatureStoreException(HistoricalErrorCode.TOO_MANY_ROWS,
                        "%d inline entity rows, at most %d (featurestore.historical.inline-row-limit); put them in a Parquet file and give its entity_source.uri"
                                .formatted(size, properties.inlineRowLimit()),
                        List.of(new FieldError("entity_source.rows", "%d rows, at most %d".formatted(size, properties.inlineRowLimit()))));
            }
            ColumnBatch batch = InlineRows.toBatch(rows, request.timestampColumn(), declaredTypes(query, projectRegistry), timestampRange, Instant.now());
            entities = new EntityRows.Inline(batch);
        } else {
            EntitySource source = entitySource(entityUri.orElseThrow());
            entities = new EntityRows.Parquet(entityUri.get(), source.schema(), source.rows());
        }
        JoinPlan plan = planner.plan(query, projectRegistry, entities.schema());
        if (atSubmit) {
            // At run time the engine reads the same footers and checks them again: once is enough there.
            checkSources(plan);
        }
        if (atSubmit && output.isPresent() && !isEmpty(output.get().asPrefix())) {
            throw new FeatureStoreException(HistoricalErrorCode.OUTPUT_EXISTS,
                    "The output prefix %s already holds objects; name an empty prefix".formatted(output.get().asPrefix()),
                    List.of(new FieldError("output_uri", "%s is not empty".formatted(output.get().asPrefix()))));
        }
        return new Prepared(request, plan, entities, output);
    }

    /**
     * The requested features that are tagged {@code pii} (see the registry client's {@code Sensitivity}); empty when
     * they cannot be resolved (the checks of {@link #submit} then name the bad field).
     */
    public List<String> sensitiveFeatures(JobRequest request) {
        ProjectRegistry registry = projectRegistry(request.project());
        try {
            ResolvedFeatures resolved = request.featureService().isPresent() ? registry.featureService(request.featureService().get())
                    : registry.resolveFeatures(request.features());
            return resolved.sensitive().stream().map(Object::toString).toList();
        } catch (RegistryLookupException e) {
            return List.of();
        }
    }

    private boolean isEmpty(StorageUri prefix) {
        try {
            return store.list(prefix).isEmpty();
        } catch (StorageUnavailableException e) {
            throw unavailable(e);
        }
    }

    private ProjectRegistry projectRegistry(String project) {
        try {
            return registry.registry(project);
        } catch (RegistryLookupException e) {
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, e.getMessage(), List.of(new FieldError("project", e.getMessage())), e);
        } catch (RegistryUnavailableException e) {
            throw new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE, "The registry cannot be reached: %s".formatted(e.getMessage()), e);
        }
    }

    /** The types the entity columns must have: join keys and request-source fields. */
    private static Map<String, ValueType> declaredTypes(TrainingSetQuery query, ProjectRegistry registry) {
        Map<String, ValueType> types = new LinkedHashMap<>();
        ResolvedFeatures resolved;
        try {
            resolved = query.featureService().isPresent() ? registry.featureService(query.featureService().get()) : registry.resolveFeatures(query.features());
        } catch (RegistryLookupException e) {
            // The planner reports it, naming the field.
            return types;
        }
        for (ResolvedFeatureView view : resolved.featureViewsToRead()) {
            for (JoinKey key : view.joinKeys()) {
                types.putIfAbsent(key.name(), key.valueType());
            }
        }
        for (RequestSource source : resolved.requestSources()) {
            for (Field field : source.schema()) {
                types.putIfAbsent(field.name(), field.dtype());
            }
        }
        return types;
    }

    private record EntitySource(RowSchema schema, long rows) {
    }

    private EntitySource entitySource(StorageUri uri) {
        List<ParquetObject> objects;
        try {
            objects = scanner.list(uri);
        } catch (ObjectNotFoundException e) {
            throw unreadable("entity_source.uri", "no Parquet object at %s".formatted(uri), e);
        } catch (OfflineStoreException e) {
            throw unreadable("entity_source.uri", e.getMessage(), e);
        }
        if (objects.isEmpty()) {
            throw unreadable("entity_source.uri", "no Parquet object under %s".formatted(uri), null);
        }
        try {
            // Footers only: the columns, and the row count for sizing and progress.
            ScanPlan plan = scanner.plan(ScanRequest.of(uri), scanExecutor);
            RowSchema schema = plan.objects().get(0).schema();
            for (ScanPlan.PlannedObject object : plan.objects()) {
                if (!object.schema().equals(schema)) {
                    throw unreadable("entity_source.uri", "the entity objects under %s disagree: %s has columns %s, %s has %s".formatted(uri,
                            plan.objects().get(0).object().uri(), describe(schema), object.object().uri(), describe(object.schema())), null);
                }
            }
            return new EntitySource(schema, plan.rows());
        } catch (OfflineStoreException e) {
            throw unreadable("entity_source.uri", e.getMessage(), e);
        }
    }

    private static String describe(RowSchema schema) {
        return schema.columns().stream().map(column -> column.name() + " " + column.type()).toList().toString();
    }

    /** Each view's source has Parquet objects whose columns fit the view (from their footers). */
    private void checkSources(JoinPlan plan) {
        List<FieldError> errors = new ArrayList<>();
        HistoricalErrorCode code = HistoricalErrorCode.SOURCE_UNREADABLE;
        for (ViewRead view : plan.views()) {
            try {
                ScanPlan sources = scanner.plan(ScanRequest.of(view.source()), scanExecutor);
                if (sources.objects().isEmpty()) {
                    errors.add(new FieldError("features", "feature view '%s' reads %s, which holds no Parquet object".formatted(view.view(), view.source())));
                }
                for (ScanPlan.PlannedObject object : sources.objects()) {
                    SourceCheck.check(view, object.schema(), object.object().uri().toString());
                }
            } catch (StorageUnavailableException e) {
                throw unavailable(e);
            } catch (ObjectNotFoundException e) {
                errors.add(new FieldError("features", "feature view '%s' reads %s, which does not exist".formatted(view.view(), view.source())));
            } catch (EngineFailedException e) {
                code = HistoricalErrorCode.SOURCE_SCHEMA_MISMATCH;
                errors.add(new FieldError("features", e.getMessage()));
            } catch (OfflineStoreException e) {
                errors.add(new FieldError("features", "feature view '%s' reads %s: %s".formatted(view.view(), view.source(), e.getMessage())));
            }
        }
        if (!errors.isEmpty()) {
            throw new FeatureStoreException(code, "The feature sources do not fit: %s".formatted(errors.stream().map(FieldError::message).toList()), errors);
        }
    }

    private Optional<StorageUri> parseUri(String text, String field, List<FieldError> errors) {
        try {
            return Optional.of(roots.check(text));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return Optional.empty();
        }
    }

    private String defaultOutput(UUID id) {
        String prefix = properties.outputPrefix().endsWith("/") ? properties.outputPrefix() : properties.outputPrefix() + "/";
        return prefix + id + "/";
    }

    /** The entity source or a feature source cannot be read; an outage of the store is a 503, nothing being wrong with the request. */
    private static FeatureStoreException unreadable(String field, String message, Throwable cause) {
        if (cause instanceof StorageUnavailableException unavailable) {
            return unavailable(unavailable);
        }
        return new FeatureStoreException(HistoricalErrorCode.SOURCE_UNREADABLE, message, List.of(new FieldError(field, message)), cause);
    }

    private static FeatureStoreException unavailable(StorageUnavailableException cause) {
        return new FeatureStoreException(CommonErrorCode.SERVICE_UNAVAILABLE, "The offline store cannot be reached; nothing was started, retry later: %s"
                .formatted(cause.getMessage()), cause);
    }

    private static FeatureStoreException invalid(List<FieldError> errors) {
        return new FeatureStoreException(CommonErrorCode.INVALID_REQUEST,
                "Invalid request: %s".formatted(errors.stream().map(error -> error.path() + ": " + error.message()).toList()), errors);
    }
}

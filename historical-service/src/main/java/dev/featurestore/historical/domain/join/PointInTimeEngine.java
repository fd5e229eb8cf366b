package dev.featurestore.historical.domain.join;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.historical.domain.join.ValueOrigin.EntityColumn;
import dev.featurestore.historical.domain.join.ValueOrigin.OnDemandFeature;
import dev.featurestore.historical.domain.join.ValueOrigin.ViewFeature;
import dev.featurestore.offlinestore.Column;
import dev.featurestore.offlinestore.ColumnBatch;
import dev.featurestore.offlinestore.ColumnTypes;
import dev.featurestore.offlinestore.ColumnVector;
import dev.featurestore.offlinestore.ColumnVector.Storage;
import dev.featurestore.offlinestore.ParquetObject;
import dev.featurestore.offlinestore.ParquetScanner;
import dev.featurestore.offlinestore.PartitionFiles;
import dev.featurestore.offlinestore.RowSchema;
import dev.featurestore.offlinestore.ScanPlan;
import dev.featurestore.offlinestore.ScanRequest;
import dev.featurestore.offlinestore.SpillCodec;
import dev.featurestore.offlinestore.StorageUri;
import dev.featurestore.offlinestore.TimeRange;
import dev.featurestore.offlinestore.Timestamps;
import dev.featurestore.transforms.EvaluationResult;
import dev.featurestore.transforms.ExpressionError;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link JoinPlan}: reads the entity rows, joins each feature view on its own (in memory when its
 * estimated size fits the memory budget, else partitioned on the join key into spill files and joined one
 * partition at a time), reads only the source rows of {@code [min(entity timestamp) - ttl, max(entity
 * timestamp)]}, then reads the entity rows again and emits them in their order with the features and the
 * on-demand features. Thread-safe; one instance serves many joins.
 */
public final class PointInTimeEngine {
    private static final Logger LOG = LoggerFactory.getLogger(PointInTimeEngine.class);
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final String ROW = "__row";
    private static final int MAX_PARTITIONS = 4096;

    private final ParquetScanner scanner;

    public PointInTimeEngine(ParquetScanner scanner) {
        this.scanner = requireNonNull(scanner, "scanner is null");
    }

    /**
     * What is wrong with running {@code plan} over entity rows of this schema: missing or mistyped timestamp,
     * key and request columns. Empty when it can run.
     */
    public static List<String> problems(JoinPlan plan, RowSchema entitySchema) {
        List<String> problems = new ArrayList<>();
        Map<String, ValueType> types = new HashMap<>();
        entitySchema.columns().forEach(column -> types.put(column.name(), column.type()));
        ValueType timestampType = types.get(plan.timestampColumn());
        if (timestampType == null) {
            problems.add("the entity rows have no event timestamp column '%s' (columns: %s)".formatted(plan.timestampColumn(), entitySchema.names()));
        } else if (timestampType != ValueType.UNIX_TIMESTAMP) {
            problems.add("the entity rows' event timestamp column '%s' is %s, not a timestamp".formatted(plan.timestampColumn(), timestampType));
        }
        for (ViewJoin view : plan.views()) {
            for (KeyColumn key : view.keys()) {
                ValueType found = types.get(key.entityColumn());
                if (found == null) {
                    problems.add("the entity rows have no column '%s', the join key of feature view '%s'".formatted(key.entityColumn(), view.view()));
                } else if (!ColumnTypes.keyCompatible(found, key.type())) {
                    problems.add("the entity rows' column '%s' is %s, but the join key '%s' of feature view '%s' is %s"
                            .formatted(key.entityColumn(), found, key.entityColumn(), view.view(), key.type()));
                }
            }
        }
        for (OnDemandStep step : plan.onDemandSteps()) {
            for (OnDemandStep.Input input : step.inputs()) {
                if (input.origin() instanceof EntityColumn column && !types.containsKey(column.column())) {
                    problems.add("the entity rows have no column '%s', which on-demand view '%s' reads as %s.%s"
                            .formatted(column.column(), step.view().name(), input.source(), input.field()));
                }
            }
        }
        for (OutputColumn output : plan.output()) {
            if (output.origin() instanceof EntityColumn column && !types.containsKey(column.column()) && !column.column().equals(plan.timestampColumn())) {
                problems.add("the entity rows have no column '%s'".formatted(column.column()));
            }
        }
        return problems.stream().distinct().toList();
    }

    /**
     * Checks the columns of one of a view's source objects (from its footer) against the view.
     *
     * @throws JoinFailedException naming the column, its type, what the view declares and the object
     */
    public static void checkSource(ViewJoin view, RowSchema objectSchema, String object) {
        SourceColumns.check(view, objectSchema, object);
    }

    /**
     * Runs the join.
     *
     * @param entityRows the number of entity rows (for memory sizing and progress)
     * @throws JoinFailedException when the data does not fit the plan (naming file and column)
     * @throws JoinCancelledException when the listener asked to stop
     */
    public JoinStatistics run(JoinPlan plan, EntityInput entities, long entityRows, JoinOptions options, OutputSink sink, JoinListener listener) {
        requireNonNull(plan, "plan is null");
        requireNonNull(entities, "entities is null");
        requireNonNull(options, "options is null");
        requireNonNull(sink, "sink is null");
        requireNonNull(listener, "listener is null");
        List<String> problems = problems(plan, entities.schema());
        if (!problems.isEmpty()) {
            throw new JoinFailedException(String.join("; ", problems));
        }
        Path work = createWorkDirectory(options.spillDirectory());
        List<ViewResult> results = new ArrayList<>();
        try {
            return new Run(plan, entities, entityRows, options, listener, work, results).execute(sink);
        } finally {
            results.forEach(ViewResult::close);
            deleteRecursively(work);
        }
    }

    private final class Run {
        private final JoinPlan plan;
        private final EntityInput entities;
        private final long entityRows;
        private final JoinOptions options;
        private final JoinListener listener;
        private final Path work;
        private final List<ViewResult> results;
        private final AtomicLong rowsDone = new AtomicLong();
        private long rowsTotal;

        Run(JoinPlan plan, EntityInput entities, long entityRows, JoinOptions options, JoinListener listener, Path work, List<ViewResult> results) {
            this.plan = plan;
            this.entities = entities;
            this.entityRows = entityRows;
            this.options = options;
            this.listener = listener;
            this.work = work;
            this.results = results;
        }

        JoinStatistics execute(OutputSink sink) {
            // The time range of the entity rows bounds what each view reads.
            listener.phase("planning");
            Optional<long[]> entityRange = entities.timestampRange(plan.timestampColumn());
            List<ScanRequest> requests = new ArrayList<>();
            long[] sourceEstimates = new long[plan.views().size()];
            Map<StorageUri, Long> plannedRows = new HashMap<>();
            for (ViewJoin view : plan.views()) {
                ScanRequest request = ScanRequest.of(view.source()).withColumns(view.sourceColumns().toArray(String[]::new))
                        .withAbsentAsNull(view.featuresAbsentAsNull());
                if (entityRange.isPresent()) {
                    request = request.withTimeRange(timeRange(view, entityRange.get()[0], entityRange.get()[1]));
                }
                requests.add(request);
                if (entityRange.isPresent()) {
                    // Footers only: the rows to read, and every object's columns checked before any is read.
                    ScanPlan scanPlan = scanner.plan(request, options.executor());
                    if (scanPlan.objects().isEmpty()) {
                        throw new JoinFailedException("feature view '%s' reads %s, which holds no Parquet object".formatted(view.view(), view.source()));
                    }
                    scanPlan.objects().forEach(object -> SourceColumns.check(view, object.schema(), object.object().uri().toString()));
                    scanPlan.objects().forEach(object -> plannedRows.put(object.object().uri(), object.rows()));
                    sourceEstimates[requests.size() - 1] = scanPlan.rows();
                }
            }

            // Size each view: in memory when it fits what the budget has left, else partitioned.
            int[] partitions = new int[plan.views().size()];
            long held = 0;
            rowsTotal = 2 * entityRows;
            for (int index = 0; index < plan.views().size(); index++) {
                ViewJoin view = plan.views().get(index);
                rowsTotal += sourceEstimates[index];
                long joinBytes = entityBytes(view, entityRows) + sourceBytes(view, sourceEstimates[index]);
                long resultBytes = entityRows * featureBytes(view);
                if (held + joinBytes + resultBytes <= options.memoryBudgetBytes()) {
                    partitions[index] = 1;
                    held += resultBytes;
                } else {
                    long share = Math.max(1, (options.memoryBudgetBytes() - held) / 2);
                    partitions[index] = (int) Math.min(MAX_PARTITIONS, Math.max(2, (joinBytes + share - 1) / share));
                }
                LOG.debug("feature view {}: {} source rows to read, {} partition(s)", view.view(), sourceEstimates[index], partitions[index]);
            }

            // Entity pass: keys of the in-memory views, spill files of the others.
            listener.phase("reading entity rows");
            List<ViewJoiner> joiners = new ArrayList<>();
            List<PartitionFiles> entityFiles = new ArrayList<>();
            List<RowSchema> entitySpillSchemas = new ArrayList<>();
            for (int index = 0; index < plan.views().size(); index++) {
                ViewJoin view = plan.views().get(index);
                if (partitions[index] == 1) {
                    joiners.add(new ViewJoiner(view, (int) Math.min(Integer.MAX_VALUE - 16, entityRows)));
                    entityFiles.add(null);
                    entitySpillSchemas.add(null);
                } else {
                    joiners.add(null);
                    entityFiles.add(new PartitionFiles(work, "entities-%d".formatted(index), partitions[index]));
                    entitySpillSchemas.add(entitySpillSchema(view, entities.schema(), plan.timestampColumn()));
                }
            }
            long[] count = {0};
            try {
                entities.read(batch -> {
                    checkCancelled();
                    ColumnVector timestamps = batch.vector(plan.timestampColumn());
                    for (int row = 0; row < batch.size(); row++) {
                        if (timestamps.isNull(row)) {
                            throw new JoinFailedException("%s: entity row %d has no value in the event timestamp column '%s'"
                                    .formatted(entities.description(), count[0] + row, plan.timestampColumn()));
                        }
                    }
                    for (int index = 0; index < plan.views().size(); index++) {
                        if (joiners.get(index) != null) {
                            joiners.get(index).addEntities(batch, timestamps, null, count[0]);
                        } else {
                            spillEntities(plan.views().get(index), batch, timestamps, count[0], entitySpillSchemas.get(index), entityFiles.get(index));
                        }
                    }
                    count[0] += batch.size();
                    advance(batch.size());
                });
                entityFiles.stream().filter(files -> files != null).forEach(PartitionFiles::finish);

                List<JoinStatistics.ViewStatistics> viewStatistics = new ArrayList<>();
                for (int index = 0; index < plan.views().size(); index++) {
                    ViewJoin view = plan.views().get(index);
                    if (count[0] == 0) {
                        results.add(new InMemoryViewResult(emptyFeatures(view)));
                        viewStatistics.add(new JoinStatistics.ViewStatistics(view.view(), 0, 0, 1));
                        continue;
                    }
                    ScanRequest request = requests.get(index);
                    listener.phase("joining feature view %s".formatted(view.view()));
                    if (joiners.get(index) != null) {
                        viewStatistics.add(joinInMemory(joiners.get(index), request, plannedRows));
                        joiners.set(index, null);
                    } else {
                        viewStatistics.add(joinSpilled(index, view, request, entityFiles.get(index), entitySpillSchemas.get(index)));
                    }
                }

                listener.phase("writing the result");
                writeOutput(sink);
                listener.progress(rowsTotal, rowsTotal);
                return new JoinStatistics(count[0], viewStatistics);
            } finally {
                entityFiles.stream().filter(files -> files != null).forEach(PartitionFiles::close);
            }
        }

        private JoinStatistics.ViewStatistics joinInMemory(ViewJoiner joiner, ScanRequest request, Map<StorageUri, Long> plannedRows) {
            joiner.entitiesDone();
            List<ViewJoiner.SourceChunk> chunks = new ArrayList<>();
            scanner.scanBatches(request, options.batchSize(), options.executor(), (ParquetObject object) -> {
                long expected = Math.min(Integer.MAX_VALUE - 16, plannedRows.getOrDefault(object.uri(), 0L));
                ViewJoiner.SourceChunk chunk = joiner.newChunk(object.uri().toString(), (int) expected);
                chunks.add(chunk);
                return batch -> {
                    checkCancelled();
                    advance(chunk.add(batch));
                };
            });
            long read = chunks.stream().mapToLong(ViewJoiner.SourceChunk::rowsRead).sum();
            ViewJoiner.PartitionResult result = joiner.join();
            results.add(new InMemoryViewResult(result.features()));
            return new JoinStatistics.ViewStatistics(joiner.view().view(), read, result.matched(), 1);
        }

        private JoinStatistics.ViewStatistics joinSpilled(int index, ViewJoin view, ScanRequest request, PartitionFiles entityFiles, RowSchema entitySchema) {
            int partitions = entityFiles.partitions();
            RowSchema sourceSchema = SourceColumns.spillSchema(view);
            boolean longMode = JoinKeys.longMode(view.keys());
            AtomicLong read = new AtomicLong();
            try (PartitionFiles sourceFiles = new PartitionFiles(work, "source-%d".formatted(index), partitions)) {
                scanner.scanBatches(request, options.batchSize(), options.executor(), (ParquetObject object) -> batch -> {
                    checkCancelled();
                    SourceColumns columns = SourceColumns.bind(view, batch, longMode, object.uri().toString());
                    spillSource(view, batch, columns, sourceSchema, sourceFiles);
                    read.addAndGet(batch.size());
                    advance(batch.size());
                });
                sourceFiles.finish();
                LOG.debug("feature view {}: spilled {} source rows in {} bytes to {} partitions", view.view(), read.get(), sourceFiles.bytesWritten(), partitions);

                List<Column> runColumns = new ArrayList<>();
                runColumns.add(new Column(ROW, ValueType.INT64));
                view.features().forEach(feature -> runColumns.add(new Column(feature.feature(), feature.type())));
                RowSchema runSchema = new RowSchema(runColumns);
                List<Path> runs = new ArrayList<>();
                long matched = 0;
                for (int partition = 0; partition < partitions; partition++) {
                    checkCancelled();
                    ViewJoiner joiner = new ViewJoiner(view, 1024);
                    entityFiles.read(partition, entitySchema,
                            batch -> joiner.addEntities(batch, batch.vector(plan.timestampColumn()), batch.vector(ROW), 0));
                    joiner.entitiesDone();
                    ViewJoiner.SourceChunk chunk = joiner.newChunk("the spilled rows of feature view %s".formatted(view.view()), 1024);
                    sourceFiles.read(partition, sourceSchema, chunk::add);
                    ViewJoiner.PartitionResult result = joiner.join();
                    matched += result.matched();
                    Path run = work.resolve("run-%d-%05d.spill".formatted(index, partition));
                    writeRun(run, runSchema, result);
                    runs.add(run);
                }
                results.add(new SpilledViewResult(view.view(), runs, runSchema));
                return new JoinStatistics.ViewStatistics(view.view(), read.get(), matched, partitions);
            }
        }

        private void writeRun(Path file, RowSchema schema, ViewJoiner.PartitionResult result) {
            int size = result.rows().length;
            ColumnVector.Builder rows = ColumnVector.builder(schema.column(0), size);
            for (long row : result.rows()) {
                rows.appendLong(row);
            }
            List<ColumnVector> vectors = new ArrayList<>();
            vectors.add(rows.build());
            vectors.addAll(result.features());
            ColumnBatch batch = new ColumnBatch(schema, size, vectors);
            int[] all = new int[size];
            for (int index = 0; index < size; index++) {
                all[index] = index;
            }
            try (DataOutputStream output = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
                SpillCodec.write(output, batch, all, size);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write spill file %s".formatted(file), e);
            }
        }

        private void spillEntities(ViewJoin view, ColumnBatch batch, ColumnVector timestamps, long firstRow, RowSchema schema, PartitionFiles files) {
            List<String> keyColumns = view.keys().stream().map(KeyColumn::entityColumn).toList();
            JoinKeys keys = JoinKeys.of(batch, keyColumns, JoinKeys.longMode(view.keys()));
            int[] partitionOf = new int[batch.size()];
            ColumnVector.Builder rows = ColumnVector.builder(schema.column(0), batch.size());
            for (int row = 0; row < batch.size(); row++) {
                partitionOf[row] = keys.isNull(row) ? 0 : keys.partition(row, files.partitions());
                rows.appendLong(firstRow + row);
            }
            List<ColumnVector> vectors = new ArrayList<>();
            vectors.add(rows.build());
            vectors.add(timestamps);
            keyColumns.forEach(column -> vectors.add(batch.vector(column)));
            files.write(new ColumnBatch(schema, batch.size(), vectors), partitionOf);
        }

        private void spillSource(ViewJoin view, ColumnBatch batch, SourceColumns columns, RowSchema schema, PartitionFiles files) {
            List<ColumnVector.Builder> builders = new ArrayList<>();
            schema.columns().forEach(column -> builders.add(ColumnVector.builder(column, batch.size())));
            List<ColumnVector> sources = schema.names().stream().map(batch::vector).toList();
            Storage[] storages = schema.columns().stream().map(column -> ColumnVector.storage(column.type())).toArray(Storage[]::new);
            IntList partitionOf = new IntList(batch.size());
            int kept = 0;
            for (int row = 0; row < batch.size(); row++) {
                if (columns.keys().isNull(row) || columns.eventTimestamps().isNull(row)) {
                    continue;
                }
                partitionOf.add(columns.keys().partition(row, files.partitions()));
                for (int column = 0; column < builders.size(); column++) {
                    Values.copy(sources.get(column), row, builders.get(column), storages[column]);
                }
                kept++;
            }
            if (kept > 0) {
                files.write(new ColumnBatch(schema, kept, builders.stream().map(ColumnVector.Builder::build).toList()), partitionOf.array());
            }
        }

        private void writeOutput(OutputSink sink) {
            RowSchema outputSchema = plan.outputSchema();
            long[] firstRow = {0};
            List<ExpressionError> errors = new ArrayList<>();
            entities.read(batch -> {
                checkCancelled();
                int size = batch.size();
                List<List<ColumnVector>> viewValues = new ArrayList<>();
                for (ViewResult result : results) {
                    viewValues.add(result.values(firstRow[0], size));
                }
                List<Map<String, ColumnVector>> stepValues = new ArrayList<>();
                for (OnDemandStep step : plan.onDemandSteps()) {
                    stepValues.add(evaluate(step, batch, viewValues, stepValues, errors));
                }
                List<ColumnVector> vectors = new ArrayList<>(outputSchema.size());
                for (OutputColumn output : plan.output()) {
                    vectors.add(vector(output.origin(), batch, viewValues, stepValues));
                }
                sink.accept(new ColumnBatch(outputSchema, size, vectors));
                firstRow[0] += size;
                advance(size);
            });
            if (!errors.isEmpty()) {
                LOG.info("{} on-demand feature values were null because their expression failed, first: {}", errors.size(), errors.get(0));
            }
        }

        private Map<String, ColumnVector> evaluate(
                OnDemandStep step, ColumnBatch batch, List<List<ColumnVector>> viewValues, List<Map<String, ColumnVector>> stepValues, List<ExpressionError> errors) {
            Map<String, ColumnVector.Builder> builders = new LinkedHashMap<>();
            step.view().schema().forEach(field -> builders.put(field.name(), ColumnVector.builder(new Column(field.name(), field.dtype()), batch.size())));
            List<ColumnVector> inputs = step.inputs().stream().map(input -> vector(input.origin(), batch, viewValues, stepValues)).toList();
            for (int row = 0; row < batch.size(); row++) {
                Map<String, Map<String, Object>> values = new HashMap<>();
                for (int index = 0; index < inputs.size(); index++) {
                    OnDemandStep.Input input = step.inputs().get(index);
                    values.computeIfAbsent(input.source(), source -> new HashMap<>()).put(input.field(), inputs.get(index).get(row));
                }
                EvaluationResult result = step.view().evaluate(values);
                if (result.hasErrors() && errors.size() < 1_000_000) {
                    errors.addAll(result.errors());
                }
                builders.forEach((feature, builder) -> builder.append(result.value(feature)));
            }
            Map<String, ColumnVector> vectors = new HashMap<>();
            builders.forEach((feature, builder) -> vectors.put(feature, builder.build()));
            return vectors;
        }

        private ColumnVector vector(ValueOrigin origin, ColumnBatch batch, List<List<ColumnVector>> viewValues, List<Map<String, ColumnVector>> stepValues) {
            if (origin instanceof EntityColumn column) {
                return batch.vector(column.column());
            }
            if (origin instanceof ViewFeature feature) {
                return viewValues.get(feature.view()).get(feature.feature());
            }
            OnDemandFeature feature = (OnDemandFeature) origin;
            return stepValues.get(feature.step()).get(feature.feature());
        }

        private void checkCancelled() {
            if (listener.cancelRequested()) {
                throw new JoinCancelledException();
            }
        }

        private void advance(long rows) {
            long done = rowsDone.addAndGet(rows);
            listener.progress(Math.min(done, rowsTotal - 1), rowsTotal);
        }
    }

    private static TimeRange timeRange(ViewJoin view, long minimum, long maximum) {
        Instant to = Timestamps.fromMicros(maximum);
        Instant from = view.ttl().isZero() ? EARLIEST : Timestamps.fromMicros(minimum).minus(view.ttl());
        return new TimeRange(view.timestampColumn(), from.isBefore(EARLIEST) ? EARLIEST : from, to);
    }

    /** Entity rows of a spilled view: row number, timestamp, join keys. */
    private static RowSchema entitySpillSchema(ViewJoin view, RowSchema entitySchema, String timestampColumn) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(ROW, ValueType.INT64));
        columns.add(new Column(timestampColumn, ValueType.UNIX_TIMESTAMP));
        for (KeyColumn key : view.keys()) {
            columns.add(entitySchema.column(entitySchema.requireIndex(key.entityColumn())));
        }
        return new RowSchema(columns);
    }

    private static List<ColumnVector> emptyFeatures(ViewJoin view) {
        return view.features().stream().map(feature -> ColumnVector.builder(new Column(feature.feature(), feature.type()), 0).build()).toList();
    }

    private static long entityBytes(ViewJoin view, long rows) {
        return rows * (28 + (JoinKeys.longMode(view.keys()) ? 24 : 120));
    }

    private static long sourceBytes(ViewJoin view, long rows) {
        return rows * (64 + featureBytes(view));
    }

    private static long featureBytes(ViewJoin view) {
        return view.features().stream().mapToLong(feature -> ColumnVector.storage(feature.type()) == Storage.OBJECT ? 64 : 9).sum();
    }

    private static Path createWorkDirectory(Path spillDirectory) {
        try {
            Files.createDirectories(spillDirectory);
            return Files.createTempDirectory(spillDirectory, "join-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spill directory in %s".formatted(spillDirectory), e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete the spill directory {}: {}", directory, e.getMessage());
        }
    }
}

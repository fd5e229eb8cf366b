package dev.featurestore.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.ExitCodes;
import dev.featurestore.cli.Json;
import dev.featurestore.cli.data.EntityFile;
import dev.featurestore.cli.data.S3Access;
import dev.featurestore.cli.registry.ProjectDefinitions;
import dev.featurestore.offlinestore.StorageUri;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code featurestore get-historical-features}: a point-in-time correct training set for the rows of a local entity
 * file, built by historical-service and downloaded to a local file.
 */
@Command(name = "get-historical-features", description = {"Build a training set from a local entity file.",
        "The entity file (.parquet or .csv) is uploaded to the staging prefix (CSV converted to Parquet with the registry's types for the join keys and request data, its timestamp column parsed), historical-service joins the features point-in-time (followed with a progress bar), and the result is written to -o FILE (.parquet or .csv, by its extension)."})
final class HistoricalFeaturesCommand extends BaseCommand {
    @Option(names = "--entities", required = true, paramLabel = "FILE", description = "The entity rows: join keys, a timestamp column, any other columns (labels).")
    Path entities;

    @ArgGroup(exclusive = true, multiplicity = "1")
    FeatureSelection selection;

    @Option(names = {"-o", "--output-file"}, required = true, paramLabel = "FILE", description = "Where to write the training set: .parquet or .csv.")
    Path output;

    @Option(names = "--timestamp-column", paramLabel = "COLUMN", description = "The entity rows' timestamp column (default: event_timestamp).")
    String timestampColumn = "event_timestamp";

    @Option(names = "--full-feature-names", description = "Name feature columns view__feature.")
    boolean fullFeatureNames;

    @Option(names = "--output-uri", paramLabel = "S3_URI", description = "Where historical-service writes the part files (default: its output prefix + the job id).")
    String outputUri;

    @Option(names = {"--detach", "--no-follow"}, description = "Return once the job is submitted, printing how to follow it and download its result.")
    boolean detach;

    HistoricalFeaturesCommand(CliContext context) {
        super(context);
    }

    @Override
    Integer run() {
        Path target = context.resolve(output.toString());
        if (EntityFile.Format.of(target) == null) {
            throw new CliException("-o: '%s' is neither a .parquet nor a .csv file".formatted(output));
        }
        EntityFile entityFile = new EntityFile(context.resolve(entities.toString()), "--entities");
        String project = services().project();
        ProjectDefinitions definitions = ProjectDefinitions.fetch(services().registry(), project);
        ProjectDefinitions.Selection selected = selection.featureService != null
                ? definitions.featureService(selection.featureService) : definitions.features(selection.features);
        StorageUri staged = StorageUri.parse(config().offlineStore().stagingPrefix().value()).resolve(UUID.randomUUID() + "/entities.parquet");
        try (S3Access s3 = S3Access.open(config().offlineStore())) {
            EntityFile.Checked checked = upload(entityFile, s3, staged, selected);
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("project", project);
            if (selection.featureService != null) {
                request.put("feature_service", selection.featureService);
            }
            else {
                request.put("features", selection.features);
            }
            request.put("entity_source", Map.of("uri", staged.toString()));
            request.put("event_timestamp_column", timestampColumn);
            request.put("full_feature_names", fullFeatureNames);
            if (outputUri != null) {
                request.put("output_uri", outputUri);
            }
            JsonNode job;
            try {
                job = services().historical().postJson("/v1/historical-features", request).requireSuccess().json();
            }
            catch (CliException e) {
                deleteQuietly(s3, staged);
                throw e;
            }
            String jobId = job.path("job_id").asText();
            if (!json()) {
                out().printf("Submitted job %s: %,d entity rows of %s (staged at %s).%n", jobId, checked.rows(), entities, staged);
            }
            if (detach) {
                if (json()) {
                    printJson(Map.of("job", job, "entities_uri", staged.toString()));
                }
                else {
                    out().println("Follow it and download the result with: " + JobFollowing.followCommand(jobId, target, context));
                }
                return ExitCodes.OK;
            }
            JsonNode finished = JobFollowing.follow(context, services(), jobId, target, json(), pollInterval);
            deleteQuietly(s3, staged);
            return JobFollowing.finish(context, this, services(), finished, target);
        }
    }

    private EntityFile.Checked upload(EntityFile entityFile, S3Access s3, StorageUri staged, ProjectDefinitions.Selection selected) {
        Map<String, dev.featurestore.contracts.definition.ValueType> declared = new LinkedHashMap<>(selected.requestFields());
        try {
            return entityFile.upload(s3, staged, timestampColumn, selected.joinKeys(), declared);
        }
        catch (CliException e) {
            throw e;
        }
        catch (RuntimeException e) {
            throw new CliException("cannot upload the entity rows to %s (S3 API %s): %s".formatted(staged, s3.endpoint(), Json.firstLine(e.getMessage())), e);
        }
    }

    private static void deleteQuietly(S3Access s3, StorageUri staged) {
        try {
            s3.delete(staged);
        }
        catch (RuntimeException e) {
            // the staged copy is only clutter under the staging prefix
        }
    }

    /** Either features or a feature service. */
    static final class FeatureSelection {
        @Option(names = "--features", split = ",", paramLabel = "VIEW:FEATURE", required = true,
                description = "Features to join (comma-separated, or the option repeated), feature views' and on-demand views'.")
        List<String> features;

        @Option(names = "--feature-service", paramLabel = "NAME", required = true, description = "A feature service: every feature it names.")
        String featureService;
    }
}

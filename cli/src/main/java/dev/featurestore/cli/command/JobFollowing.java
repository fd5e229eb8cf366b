package dev.featurestore.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.ExitCodes;
import dev.featurestore.cli.data.S3Access;
import dev.featurestore.cli.data.TrainingSetDownload;
import dev.featurestore.cli.follow.Follower;
import dev.featurestore.cli.follow.InterruptNotice;
import dev.featurestore.cli.follow.ProgressDisplay;
import dev.featurestore.cli.http.Services;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Follows a historical job to its end, then downloads its training set to a local file. */
final class JobFollowing {
    private JobFollowing() {
    }

    static String followCommand(String jobId, Path output, CliContext context) {
        return "featurestore jobs --follow %s%s".formatted(jobId, output == null ? "" : " -o " + context.workingDirectory().relativize(output.toAbsolutePath()));
    }

    /** The job's last state, after following it (with Ctrl-C saying how to follow again). */
    static JsonNode follow(CliContext context, Services services, String jobId, Path output, boolean json, java.time.Duration pollInterval) {
        try (InterruptNotice ignored = InterruptNotice.install(context.err(),
                "Stopped following; job %s keeps going in historical-service. Follow it again (and download it) with:".formatted(jobId),
                "  " + followCommand(jobId, output, context))) {
            ProgressDisplay display = json ? ProgressDisplay.of(context.err(), false) : ProgressDisplay.of(context.out(), context.terminal());
            return Follower.jobs(services.historical(), display, pollInterval).follow(List.of(jobId)).get(0);
        }
    }

    /**
     * Downloads a finished job's result to {@code output} (when given) and prints what was done.
     *
     * @return 0 when the job succeeded (and was downloaded), else 1
     */
    static int finish(CliContext context, BaseCommand command, Services services, JsonNode job, Path output) {
        String state = job.path("state").asText();
        if (!state.equals("succeeded")) {
            if (command.json()) {
                command.printJson(Map.of("job", job));
            }
            throw new CliException("job %s %s: %s: %s".formatted(job.path("job_id").asText(), state, job.path("error").path("code").asText(state),
                    job.path("error").path("message").asText("no reason given")));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("job", job);
        if (output != null) {
            List<String> parts = new ArrayList<>();
            job.path("output_files").forEach(file -> parts.add(file.asText()));
            long rows;
            try (S3Access s3 = S3Access.open(services.config().offlineStore())) {
                rows = TrainingSetDownload.download(s3, parts, TrainingSetDownload.schema(job.path("output_schema")), output);
            }
            result.put("output_file", output.toString());
            result.put("rows", rows);
            if (!command.json()) {
                command.out().printf("Wrote %,d rows (%d columns) to %s.%n", rows, job.path("output_schema").size(), context.workingDirectory().relativize(output.toAbsolutePath()));
            }
        }
        else if (!command.json()) {
            command.out().printf("Training set at %s (%d part file%s).%n", job.path("output_uri").asText(), job.path("output_files").size(),
                    job.path("output_files").size() == 1 ? "" : "s");
        }
        if (command.json()) {
            command.printJson(result);
        }
        return ExitCodes.OK;
    }
}

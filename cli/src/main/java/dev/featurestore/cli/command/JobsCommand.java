package dev.featurestore.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.ExitCodes;
import dev.featurestore.cli.data.EntityFile;
import dev.featurestore.cli.follow.Describe;
import dev.featurestore.cli.follow.ProgressLine;
import dev.featurestore.cli.http.ServiceClient;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code featurestore jobs JOB_ID}: a historical job's state; following it to its end and downloading its result. */
@Command(name = "jobs", description = {"Show, follow, download or cancel a training-set job.",
        "--follow follows the job of historical-service until it ends; -o FILE downloads its result (.parquet or .csv) once it succeeded; --cancel cancels it."})
final class JobsCommand extends BaseCommand {
    @Parameters(paramLabel = "JOB_ID", description = "The job (get-historical-features prints it).")
    String jobId;

    @Option(names = {"-f", "--follow"}, description = "Follow the job until it ends.")
    boolean follow;

    @Option(names = {"-o", "--output-file"}, paramLabel = "FILE", description = "Once it succeeded, write its training set here (.parquet or .csv).")
    Path output;

    @Option(names = "--cancel", description = "Cancel the job (queued or running).")
    boolean cancel;

    JobsCommand(CliContext context) {
        super(context);
    }

    @Override
    Integer run() {
        Path target = output == null ? null : context.resolve(output.toString());
        if (target != null && EntityFile.Format.of(target) == null) {
            throw new CliException("-o: '%s' is neither a .parquet nor a .csv file".formatted(output));
        }
        String path = "/v1/jobs/" + ServiceClient.encode(jobId);
        if (cancel) {
            services().historical().delete(path).requireSuccess();
            JsonNode job = services().historical().getJson(path);
            if (json()) {
                printJson(job);
            }
            else {
                out().printf("Asked job %s to cancel: %s.%n", jobId, job.path("state").asText());
            }
            return ExitCodes.OK;
        }
        JsonNode job = follow ? JobFollowing.follow(context, services(), jobId, target, json(), pollInterval) : services().historical().getJson(path);
        if (follow || target != null) {
            if (!ProgressLine.isEnded(job.path("state").asText())) {
                throw new CliException("job %s is %s: its result can be downloaded once it succeeded (--follow waits for it)".formatted(jobId,
                        job.path("state").asText()));
            }
            return JobFollowing.finish(context, this, services(), job, target);
        }
        if (json()) {
            printJson(job);
            return ExitCodes.OK;
        }
        ProgressLine line = Describe.job(job);
        out().printf("job %s of project '%s'%n", jobId, job.path("project").asText());
        out().printf("  state    %s%n", line.ended() ? line.detail() : "%s %.0f%%%s".formatted(line.state(), line.percent(),
                line.detail().isEmpty() ? "" : ", " + line.detail()));
        out().printf("  output   %s%n", job.path("output_uri").asText("-"));
        out().printf("  created  %s, started %s, finished %s%n", job.path("timings").path("created_at").asText(),
                job.path("timings").path("started_at").asText("-"), job.path("timings").path("finished_at").asText("-"));
        return ExitCodes.OK;
    }
}

package dev.featurestore.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory of a service process over one measured stretch: its heap in use as its own metrics report it (the sum of
 * {@code jvm_memory_used_bytes{area="heap"}} from {@code /prometheus}, garbage included) and its resident memory
 * from {@code /proc/<pid>/status}, sampled every {@code interval}; and the kernel's peak resident memory
 * ({@code VmHWM}), reset at the start by writing 5 to {@code /proc/<pid>/clear_refs} so that it covers this stretch
 * only (when the reset is refused it covers the process's life, and {@link #peakResetOk()} says so).
 */
final class ServiceMemory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceMemory.class);
    private static final Pattern HEAP_LINE = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$", Pattern.MULTILINE);

    private final long pid;
    private final HttpRequest metrics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final boolean peakResetOk;
    private final AtomicLong maxHeap = new AtomicLong();
    private final AtomicLong maxResident = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private ServiceMemory(long pid, String serviceUrl, String apiKey, Duration interval) {
        this.pid = pid;
        this.metrics = HttpRequest.newBuilder(URI.create(serviceUrl + "/prometheus")).header("Authorization", "Bearer " + apiKey)
                .timeout(Duration.ofSeconds(5)).GET().build();
        this.peakResetOk = resetPeak(pid);
        this.sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "service-memory-" + pid);
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling the service process {@code pid} (its metrics at {@code serviceUrl}, read with {@code apiKey}). */
    static ServiceMemory watch(long pid, String serviceUrl, String apiKey, Duration interval) {
        return new ServiceMemory(pid, serviceUrl, apiKey, interval);
    }

    private void sample() {
        maxResident.accumulateAndGet(statusBytes(pid, "VmRSS"), Math::max);
        try {
            String text = http.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
            Matcher lines = HEAP_LINE.matcher(text);
            long heap = 0;
            while (lines.find()) {
                heap += (long) Double.parseDouble(lines.group(1));
            }
            maxHeap.accumulateAndGet(heap, Math::max);
        } catch (IOException | RuntimeException e) {
            LOG.debug("no heap sample: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sampling (after one last sample). */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        sampler.interrupt();
        try {
            sampler.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    /** The largest heap in use sampled, in bytes. */
    long maxHeapBytes() {
        return maxHeap.get();
    }

    /** The largest resident memory sampled, in bytes. */
    long maxSampledResidentBytes() {
        return maxResident.get();
    }

    /** The kernel's peak resident memory ({@code VmHWM}) now, in bytes: since the start of this stretch when {@link #peakResetOk()}. */
    long peakResidentBytes() {
        return statusBytes(pid, "VmHWM");
    }

    boolean peakResetOk() {
        return peakResetOk;
    }

    private static boolean resetPeak(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot reset the peak resident memory of process {} ({}): VmHWM covers its whole life", pid, e.getMessage());
            return false;
        }
    }

    /** A {@code kB} field of {@code /proc/<pid>/status} in bytes; 0 when unreadable (the process is gone). */
    static long statusBytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("no {} of process {}: {}", field, pid, e.getMessage());
        }
        return 0;
    }
}

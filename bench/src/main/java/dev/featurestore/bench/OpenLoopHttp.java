package dev.featurestore.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A light open-loop HTTP/1.1 load generator: a few persistent connections, each a plain blocking socket on its own
 * thread, sharing a fixed arrival rate. Request {@code i} is due at {@code start + i / rate} and goes on connection
 * {@code i % connections}; its latency is measured from that intended time to the last byte of its answer, so a slow
 * answer delays the next sends of its connection and that wait is counted (no coordinated omission). No HTTP client
 * library: per request one write and the reads of one answer, nothing else allocated or handed between threads.
 */
final class OpenLoopHttp {
    private OpenLoopHttp() {
    }

    /**
     * What a run measured: latencies in microseconds from each intended send time, errors (non-200 or I/O); and, where
     * the generator keeps them, each request's latency and failure by its index (its intended time), for the split by
     * second.
     */
    record Outcome(Histogram histogram, long count, long errors, String firstError, long[] latencies, boolean[] failures) {
        Outcome(Histogram histogram, long count, long errors, String firstError) {
            this(histogram, count, errors, firstError, new long[0], new boolean[0]);
        }

        /**
         * The requests due in second {@code second} of the run ({@code rate} a second): their histogram, count and
         * errors (none where the latencies were not kept).
         */
        Outcome second(int second, int rate) {
            Histogram part = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            long errors = 0;
            String first = null;
            int from = Math.min(latencies.length, second * rate);
            int to = Math.min(latencies.length, from + rate);
            for (int index = from; index < to; index++) {
                part.recordValue(latencies[index]);
                if (failures[index]) {
                    errors++;
                    first = first == null ? "request %d failed".formatted(index) : first;
                }
            }
            return new Outcome(part, to - from, errors, first, new long[0], new boolean[0]);
        }
    }

    /**
     * Sends {@code rate} requests a second for {@code duration} to {@code host:port}, the i-th request being
     * {@code requests.get(i % size)} (complete HTTP/1.1 requests, keep-alive).
     */
    static Outcome run(String host, int port, List<byte[]> requests, int rate, Duration duration, int connections) throws InterruptedException {
        long total = (long) rate * duration.toSeconds();
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        List<Histogram> histograms = new ArrayList<>();
        // each index is written by one worker only, and read after the workers are joined
        long[] latencies = new long[Math.toIntExact(total)];
        boolean[] failures = new boolean[latencies.length];
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int connection = 0; connection < connections; connection++) {
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            histograms.add(histogram);
            int first = connection;
            Thread worker = new Thread(() -> {
                Connection socket = null;
                for (long index = first; index < total; index += connections) {
                    long intended = start + index * period;
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        if (socket == null) {
                            socket = new Connection(host, port);
                        }
                        int status = socket.exchange(requests.get((int) (index % requests.size())));
                        if (status != 200) {
                            failures[(int) index] = true;
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, "answered " + status);
                        }
                    } catch (IOException e) {
                        failures[(int) index] = true;
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                        if (socket != null) {
                            socket.close();
                        }
                        socket = null;
                    }
                    long micros = Math.max(0, (System.nanoTime() - intended) / 1_000);
                    latencies[(int) index] = micros;
                    histogram.recordValue(micros);
                }
                if (socket != null) {
                    socket.close();
                }
            }, "open-loop-http-" + connection);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        histograms.forEach(all::add);
        return new Outcome(all, total, errors.get(), firstError.get(), latencies, failures);
    }

    /** A complete HTTP/1.1 POST with a JSON body, authenticated with {@code apiKey} (as every caller must be). */
    static byte[] post(String host, int port, String pathAndQuery, String json, String apiKey) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = ("POST %s HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                + "Content-Length: %d\r\n\r\n").formatted(pathAndQuery, host, port, apiKey, body.length);
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** One keep-alive connection: writes a request, reads its whole answer (Content-Length or chunked). */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final StringBuilder line = new StringBuilder(128);
        private final byte[] skip = new byte[16 * 1024];

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = readLine();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(header.substring(colon + 1).trim());
                } else if (name.equalsIgnoreCase("transfer-encoding") && header.toLowerCase().contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(readLine().trim(), 16); size > 0; size = Long.parseLong(readLine().trim(), 16)) {
                    discard(size);
                    readLine();
                }
                readLine();
            } else if (length > 0) {
                discard(length);
            }
            return status;
        }

        private void discard(long count) throws IOException {
            long left = count;
            while (left > 0) {
                int read = in.read(skip, 0, (int) Math.min(skip.length, left));
                if (read < 0) {
                    throw new IOException("connection closed in the middle of an answer");
                }
                left -= read;
            }
        }

        private String readLine() throws IOException {
            line.setLength(0);
            for (int next = in.read(); next != '\n'; next = in.read()) {
                if (next < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (next != '\r') {
                    line.append((char) next);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}

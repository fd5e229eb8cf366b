package dev.featurestore.bench;

import dev.featurestore.testkit.TestKeys;
import feast.proto.serving.ServingAPIProto.GetOnlineFeaturesRequest;
import feast.proto.serving.ServingAPIProto.GetOnlineFeaturesResponse;
import feast.proto.serving.ServingServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The open-loop generator of {@link OpenLoopHttp} for serving's gRPC API, through grpc-java async stubs generated from
 * Feast's protos: one thread sends call {@code i} at {@code start + i / rate} on channel {@code i % channels} (each an
 * HTTP/2 connection carrying many calls at once) without waiting for earlier answers, and each answer records its
 * latency from that intended send time into an HdrHistogram (no coordinated omission). A call that ends in an error
 * status counts as an error.
 */
final class OpenLoopGrpc implements AutoCloseable {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> PROJECT = Metadata.Key.of("x-feature-project", Metadata.ASCII_STRING_MARSHALLER);

    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<ServingServiceGrpc.ServingServiceStub> stubs = new ArrayList<>();
    private final ServingServiceGrpc.ServingServiceBlockingStub blocking;

    /** Channels to {@code host:port} (plaintext), calls authenticated with the test admin key, in {@code project}. */
    OpenLoopGrpc(String host, int port, String project, int channelCount) {
        Metadata metadata = new Metadata();
        metadata.put(AUTHORIZATION, "Bearer " + TestKeys.ADMIN_KEY);
        metadata.put(PROJECT, project);
        for (int index = 0; index < channelCount; index++) {
            ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
            channels.add(channel);
            stubs.add(ServingServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata)));
        }
        blocking = ServingServiceGrpc.newBlockingStub(channels.get(0)).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    /**
     * Calls one at a time, each waiting for its answer, before any load: the service's registry cache and its online
     * store connections are made by the first calls (slow), which an open-loop burst would pile up behind until they
     * time out and open the circuit breaker.
     *
     * @return how many failed
     */
    int prime(List<GetOnlineFeaturesRequest> requests, int calls) {
        int failed = 0;
        for (int call = 0; call < calls; call++) {
            try {
                blocking.withDeadlineAfter(10, TimeUnit.SECONDS).getOnlineFeatures(requests.get(call % requests.size()));
            } catch (StatusRuntimeException e) {
                failed++;
            }
        }
        return failed;
    }

    /** Sends {@code rate} calls a second for {@code duration}, the i-th being {@code requests.get(i % size)}. */
    OpenLoopHttp.Outcome run(List<GetOnlineFeaturesRequest> requests, int rate, Duration duration) throws InterruptedException {
        long total = (long) rate * duration.toSeconds();
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        Histogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch((int) total);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (long index = 0; index < total; index++) {
            long intended = start + index * period;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            stubs.get((int) (index % stubs.size())).getOnlineFeatures(requests.get((int) (index % requests.size())), new StreamObserver<>() {
                @Override
                public void onNext(GetOnlineFeaturesResponse response) {
                    // the answer's arrival is measured at completion
                }

                @Override
                public void onError(Throwable error) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, error.toString());
                    finished();
                }

                @Override
                public void onCompleted() {
                    finished();
                }

                private void finished() {
                    histogram.recordValue(Math.max(0, (System.nanoTime() - intended) / 1_000));
                    done.countDown();
                }
            });
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            errors.addAndGet(done.getCount());
            firstError.compareAndSet(null, "%d calls unanswered 60 s after the last was sent".formatted(done.getCount()));
        }
        return new OpenLoopHttp.Outcome(histogram, total, errors.get(), firstError.get());
    }

    @Override
    public void close() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}

package dev.featurestore.registryclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.featurestore.registryclient.RegistryLookupException.Reason;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpRegistryClientTest {
    private static final String PROJECT = "dispatch";
    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

    private TestingRegistryServer server;
    private TestingPollScheduler scheduler;
    private TestingClock clock;
    private HttpRegistryClient client;

    @BeforeEach
    void start() throws IOException {
        server = new TestingRegistryServer();
        server.put(Documents.dispatchSnapshot(PROJECT, 7));
        scheduler = new TestingPollScheduler();
        clock = new TestingClock(START);
        client = new HttpRegistryClient(new RegistryClientConfig(server.url(), Duration.ofSeconds(45), Duration.ofSeconds(5)), clock, scheduler);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void fetchesAProjectOnFirstUseAndAnswersLaterLookupsFromTheCache() {
        assertThat(client.cached(PROJECT)).isEmpty();

        assertThat(client.featureView(PROJECT, "driver_hourly").offlineSource().name()).isEqualTo("driver_stats_src");
        assertThat(client.resolveFeatures(PROJECT, List.of("ride_quote:quote")).featureViewsToRead())
                .extracting(ResolvedView::name).containsExactly("driver_hourly");
        assertThat(client.featureService(PROJECT, "dispatch_v1").references()).hasSize(2);
        assertThat(client.registry(PROJECT).registryVersion()).isEqualTo(7);

        assertThat(server.requests(PROJECT)).containsExactly(new TestingRegistryServer.Request(PROJECT, null, 200));
        assertThat(client.cachedProjects()).containsExactly(PROJECT);
        assertThat(client.checkedAt(PROJECT)).contains(START);
    }

    @Test
    void unknownProjectIsAnErrorNamingItAndIsNotCached() {
        assertThatThrownBy(() -> client.featureView("nope", "driver_hourly"))
                .isInstanceOfSatisfying(RegistryLookupException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_PROJECT);
                    assertThat(e.name()).isEqualTo("nope");
                })
                .hasMessage("Unknown project 'nope': the registry at %s has no such project".formatted(server.url()));
        assertThat(client.cached("nope")).isEmpty();

        server.put(Documents.dispatchSnapshot("nope", 1));
        assertThat(client.featureView("nope", "driver_hourly").project()).isEqualTo("nope");
    }

    @Test
    void aLookupMissRefetchesOnceAndSeesWhatWasJustApplied() {
        client.registry(PROJECT);
        server.put(Documents.snapshot(PROJECT, 8, Documents.withFeatureView(Documents.dispatch(), "driver_daily")));

        ResolvedFeatures features = client.resolveFeatures(PROJECT, List.of("driver_daily:rating", "driver_hourly:conv_rate"));

        assertThat(features.registryVersion()).isEqualTo(8);
        assertThat(features.views()).extracting(selection -> selection.view().name()).containsExactly("driver_daily", "driver_hourly");
        assertThat(server.requests(PROJECT)).extracting(TestingRegistryServer.Request::status).containsExactly(200, 200);
        assertThat(client.registry(PROJECT).registryVersion()).isEqualTo(8);
    }

    @Test
    void aLookupOfATrulyUnknownNameRefetchesExactlyOnceWithTheEtagThenAnswersUnknown() {
        client.registry(PROJECT);
        ProjectRegistry cached = client.registry(PROJECT);

        assertThatThrownBy(() -> client.featureView(PROJECT, "driver_weekly"))
                .isInstanceOfSatisfying(RegistryLookupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_FEATURE_VIEW))
                .hasMessageStartingWith("Unknown feature view 'driver_weekly' in project 'dispatch' (registry version 7)");
        assertThatThrownBy(() -> client.featureService(PROJECT, "dispatch_v9"))
                .isInstanceOfSatisfying(RegistryLookupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_FEATURE_SERVICE));

        assertThat(server.requests(PROJECT)).containsExactly(
                new TestingRegistryServer.Request(PROJECT, null, 200),
                new TestingRegistryServer.Request(PROJECT, "\"rv-7\"", 304),
                new TestingRegistryServer.Request(PROJECT, "\"rv-7\"", 304));
        assertThat(client.registry(PROJECT)).isSameAs(cached);
    }

    @Test
    void aMalformedReferenceFailsWithoutAskingTheRegistry() {
        assertThatThrownBy(() -> client.resolveFeatures(PROJECT, List.of("driver_hourly.conv_rate")))
                .isInstanceOfSatisfying(RegistryLookupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REFERENCE));
        assertThat(server.requests(PROJECT)).isEmpty();
    }

    @Test
    void aNewerChangeEventRefetchesAndAnOlderOrEqualOneIsIgnored() {
        client.registry(PROJECT);
        server.put(Documents.snapshot(PROJECT, 9, Documents.withFeatureView(Documents.dispatch(), "driver_daily")));

        client.onRegistryChange(PROJECT, 7);
        client.onRegistryChange(PROJECT, 3);
        assertThat(client.cached(PROJECT)).map(ProjectRegistry::registryVersion).contains(7L);
        assertThat(server.requests(PROJECT)).hasSize(1);

        client.onRegistryChange(PROJECT, 9);
        assertThat(client.cached(PROJECT)).map(ProjectRegistry::registryVersion).contains(9L);
        assertThat(client.cached(PROJECT).orElseThrow().featureView("driver_daily").name()).isEqualTo("driver_daily");

        client.onRegistryChange(PROJECT, 9);
        client.onRegistryChange(PROJECT, 8);
        assertThat(server.requests(PROJECT)).extracting(TestingRegistryServer.Request::ifNoneMatch).containsExactly(null, "\"rv-7\"");
    }

    @Test
    void aChangeEventForAProjectNobodyAskedForFetchesNothing() {
        client.onRegistryChange(PROJECT, 100);

        assertThat(server.requests(PROJECT)).isEmpty();
        assertThat(client.cached(PROJECT)).isEmpty();
    }

    @Test
    void aChangeEventWhileTheRegistryIsDownKeepsTheCacheAndDoesNotThrow() {
        ProjectRegistry cached = client.registry(PROJECT);
        server.failWith(503);

        client.onRegistryChange(PROJECT, 8);

        assertThat(client.registry(PROJECT)).isSameAs(cached);
        assertThat(client.featureView(PROJECT, "driver_hourly").name()).isEqualTo("driver_hourly");
    }

    @Test
    void thePollChecksEveryCachedProjectAtTheConfiguredIntervalAndPicksUpAMissedChange() {
        assertThat(scheduler.intervals()).containsExactly(Duration.ofSeconds(45));
        client.registry(PROJECT);
        server.put(Documents.dispatchSnapshot("other", 2));
        client.registry("other");

        clock.advance(Duration.ofSeconds(45));
        scheduler.elapseInterval();
        assertThat(client.checkedAt(PROJECT)).contains(START.plusSeconds(45));
        assertThat(client.registry(PROJECT).registryVersion()).isEqualTo(7);
        assertThat(server.requests(PROJECT)).extracting(TestingRegistryServer.Request::status).containsExactly(200, 304);

        server.put(Documents.snapshot(PROJECT, 8, Documents.withFeatureView(Documents.dispatch(), "driver_daily")));
        clock.advance(Duration.ofSeconds(45));
        scheduler.elapseInterval();

        assertThat(client.cached(PROJECT)).map(ProjectRegistry::registryVersion).contains(8L);
        assertThat(client.cached("other")).map(ProjectRegistry::registryVersion).contains(2L);
        assertThat(server.requests("other")).extracting(TestingRegistryServer.Request::status).containsExactly(200, 304, 304);
    }

    @Test
    void aPollFindingTheProjectGoneDropsItFromTheCache() {
        client.registry(PROJECT);
        server.remove(PROJECT);

        scheduler.elapseInterval();

        assertThat(client.cached(PROJECT)).isEmpty();
        assertThat(client.cachedProjects()).isEmpty();
        assertThatThrownBy(() -> client.registry(PROJECT))
                .isInstanceOfSatisfying(RegistryLookupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_PROJECT));
    }

    @Test
    void aPollWhileTheRegistryIsDownKeepsServingTheCache() {
        ProjectRegistry cached = client.registry(PROJECT);
        server.failWith(500);

        scheduler.elapseInterval();

        assertThat(client.registry(PROJECT)).isSameAs(cached);
        assertThat(client.checkedAt(PROJECT)).contains(START);
    }

    @Test
    void aSnapshotOlderThanTheCachedOneNeverReplacesIt() {
        server.put(Documents.dispatchSnapshot(PROJECT, 10));
        ProjectRegistry cached = client.registry(PROJECT);
        server.put(Documents.dispatchSnapshot(PROJECT, 9));

        scheduler.elapseInterval();

        assertThat(client.registry(PROJECT)).isSameAs(cached);
    }

    @Test
    void closingStopsThePoll() {
        client.close();

        assertThat(scheduler.cancelled()).isTrue();
    }

    @Test
    void aMissWhileTheRegistryIsDownAnswersFromTheCacheAndSaysTheRegistryCouldNotBeAsked() {
        client.registry(PROJECT);
        server.failWith(503);

        assertThatThrownBy(() -> client.featureView(PROJECT, "driver_daily"))
                .isInstanceOfSatisfying(RegistryLookupException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_FEATURE_VIEW);
                    assertThat(e.getCause()).isInstanceOf(RegistryUnavailableException.class);
                })
                .hasMessageContaining("Unknown feature view 'driver_daily' in project 'dispatch' (registry version 7)")
                .hasMessageContaining("(the registry could not be asked for a newer snapshot: The registry answered 503 to GET %s/v1/projects/dispatch/registry: failing on purpose)"
                        .formatted(server.url()));
    }

    @Test
    void aProjectNotCachedWhileTheRegistryIsUnreachableIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (HttpRegistryClient unreachable = new HttpRegistryClient(
                new RegistryClientConfig(URI.create("http://127.0.0.1:%d/".formatted(closedPort)), Duration.ofMinutes(1), Duration.ofSeconds(2)),
                clock, new TestingPollScheduler())) {
            assertThatThrownBy(() -> unreachable.registry(PROJECT))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageStartingWith("Cannot read the registry of project 'dispatch' at http://127.0.0.1:%d/v1/projects/dispatch/registry"
                            .formatted(closedPort));
            assertThat(unreachable.cached(PROJECT)).isEmpty();
        }
    }

    @Test
    void aNotFoundThatIsNotAboutTheProjectIsNotTakenForAnUnknownProject() {
        try (HttpRegistryClient misconfigured = new HttpRegistryClient(
                new RegistryClientConfig(URI.create(server.url() + "/elsewhere"), Duration.ofMinutes(1), Duration.ofSeconds(2)),
                clock, new TestingPollScheduler())) {
            assertThatThrownBy(() -> misconfigured.registry(PROJECT))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessage("The registry answered 404 to GET %s/elsewhere/v1/projects/dispatch/registry: No route /elsewhere/v1/projects/dispatch/registry"
                            .formatted(server.url()));
        }
    }
}

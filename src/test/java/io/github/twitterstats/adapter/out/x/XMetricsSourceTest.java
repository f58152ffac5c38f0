package io.github.twitterstats.adapter.out.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.domain.PublicMetrics;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import io.github.twitterstats.testing.FakePeer.RecordedRequest;
import io.github.twitterstats.testing.FakeXApi;
import io.github.twitterstats.testing.RecordingLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** XMetricsSource through real twitter4j over real HTTP, against the strict fake X API. */
class XMetricsSourceTest {

    static final XCredentials.BearerToken BEARER = new XCredentials.BearerToken("test-bearer-token-0123");
    static final Backoff FAST = new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(50));

    final List<FakeXApi> fakes = new ArrayList<>();
    final RecordingLog log = new RecordingLog();

    @AfterEach
    void stopFakes() {
        fakes.forEach(FakeXApi::close);
    }

    FakeXApi fakeAccepting(XCredentials credentials) {
        FakeXApi fake = FakeXApi.start(credentials);
        fakes.add(fake);
        return fake;
    }

    Source sourceFor(FakeXApi fake, XCredentials credentials) {
        return new Source(credentials, fake.baseUrl(), FAST, log).timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    /** How these specs vary the one X client under the source: timeouts, backoff, clock, concurrency. */
    static final class Source {
        private final XCredentials credentials;
        private final java.net.URI baseUrl;
        private Backoff backoff;
        private RunLog log;
        private Clock clock = Clock.systemUTC();
        private Duration connect = Duration.ofSeconds(5);
        private Duration read = Duration.ofSeconds(10);
        private int concurrency = 4;

        Source(XCredentials credentials, java.net.URI baseUrl, Backoff backoff, RunLog log) {
            this.credentials = credentials;
            this.baseUrl = baseUrl;
            this.backoff = backoff;
            this.log = log;
        }

        Source backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        Source clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        Source timeouts(Duration connect, Duration read) {
            this.connect = connect;
            this.read = read;
            return this;
        }

        Source maxConcurrentRequests(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        XMetricsSource build() {
            XClient client = new XClient(credentials, baseUrl,
                    new XClient.Tuning(connect, read, Duration.ofMillis(500), backoff), log, clock);
            return new XMetricsSource(client, concurrency);
        }
    }

    static Deadline seconds(long s) {
        return Deadline.after(Duration.ofSeconds(s), Clock.systemUTC());
    }

    static List<Handle> handles(String... names) {
        return Stream.of(names).map(Handle::new).toList();
    }

    static List<Handle> handles(List<String> names) {
        return names.stream().map(Handle::new).toList();
    }

    @Nested
    class Batching {

        @Test
        void twoHundredFiftyAccountsCostExactlyThreeRequestsOfAtMostOneHundredNames() {
            FakeXApi fake = fakeAccepting(BEARER);
            List<String> names = fake.addAccounts("user", 250);

            MetricsLookup lookup = sourceFor(fake, BEARER).build().lookup(handles(names), seconds(30));

            assertThat(lookup.snapshots()).hasSize(250);
            assertThat(lookup.failures()).isEmpty();
            assertThat(lookup.requests()).isEqualTo(3);
            assertThat(lookup.failedRequests()).isZero();
            assertThat(fake.requestCount()).isEqualTo(3);
            List<RecordedRequest> requests = fake.requests();
            assertThat(requests).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("GET");
                assertThat(r.path()).isEqualTo("/2/users/by");
                assertThat(r.query().keySet()).containsExactlyInAnyOrder("usernames", "user.fields");
                assertThat(r.query().get("user.fields")).containsExactly("public_metrics");
                assertThat(r.header("Authorization")).isEqualTo("Bearer test-bearer-token-0123");
                assertThat(r.answer()).isEqualTo("200");
            });
            assertThat(requests.stream().map(r -> r.commaSeparated("usernames").size()).sorted().toList()).containsExactly(50, 100, 100);
            assertThat(requests.stream().flatMap(r -> r.commaSeparated("usernames").stream()).toList())
                    .containsExactlyInAnyOrderElementsOf(names);
            assertThat(lookup.snapshots().stream().map(s -> s.handle().value()).toList())
                    .containsExactlyInAnyOrderElementsOf(names);
        }

        @Test
        void batchesAreFetchedConcurrentlyWithinTheBound() {
            FakeXApi fake = fakeAccepting(BEARER);
            List<String> names = fake.addAccounts("slow", 400);
            fake.delayResponses(Duration.ofMillis(600));

            long started = System.nanoTime();
            MetricsLookup lookup = sourceFor(fake, BEARER).maxConcurrentRequests(4).build()
                    .lookup(handles(names), seconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(lookup.snapshots()).hasSize(400);
            assertThat(took).isLessThan(Duration.ofMillis(4 * 600));   // one after another would take 2.4 s
        }

        @Test
        void aHandleGivenTwiceIsAskedAndReportedOnce() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("twice");

            MetricsLookup lookup = sourceFor(fake, BEARER).build()
                    .lookup(List.of(new Handle("twice"), new Handle("TWICE")), seconds(30));

            assertThat(lookup.snapshots()).hasSize(1);
            assertThat(fake.requests().get(0).commaSeparated("usernames")).containsExactly("twice");
        }
    }

    @Nested
    class Metrics {

        @Test
        void mapsEachUserBackToTheRequestedHandleInTheUsersSpellingStampedWhenTheAnswerArrived() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("JackDorsey").followers(6_500_000).following(4_500).posts(29_000).listed(30_000).likes(35_000);
            Instant arrival = Instant.parse("2026-11-02T10:15:30Z");

            MetricsLookup lookup = sourceFor(fake, BEARER).clock(Clock.fixed(arrival, ZoneOffset.UTC)).build()
                    .lookup(handles("jackdorsey"), Deadline.after(Duration.ofSeconds(30), Clock.systemUTC()));

            assertThat(lookup.snapshots()).containsExactly(new AccountSnapshot(new Handle("jackdorsey"),
                    new PublicMetrics(6_500_000, 4_500, 29_000, 30_000, OptionalLong.of(35_000), OptionalLong.empty()),
                    arrival));
            assertThat(lookup.snapshots().get(0).handle().value()).isEqualTo("jackdorsey");
        }

        @Test
        void observedAtIsTheMomentTheAnswerArrivedOnTheGivenClock() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("timely");
            fake.delayResponses(Duration.ofMillis(300));

            Instant before = Instant.now();
            AccountSnapshot snapshot = sourceFor(fake, BEARER).build().lookup(handles("timely"), seconds(30))
                    .snapshots().get(0);

            assertThat(snapshot.observedAt()).isAfterOrEqualTo(before.plusMillis(300)).isBeforeOrEqualTo(Instant.now());
        }

        @Test
        void readsThePostCountWhetherItIsNamedPostCountOrTweetCount() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("newer").posts(42).postCountNamedPostCount();
            fake.addAccount("older").posts(43);

            Map<String, PublicMetrics> metrics = metricsByHandle(sourceFor(fake, BEARER).build()
                    .lookup(handles("newer", "older"), seconds(30)));

            assertThat(metrics.get("newer").posts()).isEqualTo(42);
            assertThat(metrics.get("older").posts()).isEqualTo(43);
        }

        @Test
        void likeCountAbsentOrNullMeansNoLikesNeverZero() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("nolikes").likesAbsent();
            fake.addAccount("nulllikes").likesNull();
            fake.addAccount("likes").likes(0);

            Map<String, PublicMetrics> metrics = metricsByHandle(sourceFor(fake, BEARER).build()
                    .lookup(handles("nolikes", "nulllikes", "likes"), seconds(30)));

            assertThat(metrics.get("nolikes").likes()).isEmpty();
            assertThat(metrics.get("nulllikes").likes()).isEmpty();
            assertThat(metrics.get("likes").likes()).hasValue(0);
        }

        @Test
        void mediaCountIsReadWhereXReturnsIt() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("pictures").media(7);
            fake.addAccount("words");

            Map<String, PublicMetrics> metrics = metricsByHandle(sourceFor(fake, BEARER).build()
                    .lookup(handles("pictures", "words"), seconds(30)));

            assertThat(metrics.get("pictures").media()).hasValue(7);
            assertThat(metrics.get("words").media()).isEmpty();
        }
    }

    @Nested
    class UnknownAndSuspendedAccounts {

        @Test
        void unknownAndSuspendedAccountsFailAloneWhileTheOthersSucceed() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("alive");
            fake.addAccount("Banned").suspended();
            fake.addAccount("alsoalive");

            MetricsLookup lookup = sourceFor(fake, BEARER).build()
                    .lookup(handles("alive", "Ghost_404", "banned", "alsoalive"), seconds(30));

            assertThat(lookup.snapshots()).extracting(s -> s.handle().value()).containsExactly("alive", "alsoalive");
            assertThat(lookup.failures()).extracting(AccountFailure::account, AccountFailure::reason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("Ghost_404", FailureReason.NOT_FOUND),
                    org.assertj.core.groups.Tuple.tuple("banned", FailureReason.SUSPENDED));
            assertThat(lookup.requests()).isEqualTo(1);
            assertThat(lookup.failedRequests()).isZero();
        }

        @Test
        void whenEveryNameIsUnknownAllAreNotFoundAndNothingThrows() {
            FakeXApi fake = fakeAccepting(BEARER);

            MetricsLookup lookup = sourceFor(fake, BEARER).build().lookup(handles("nobody1", "nobody2"), seconds(30));

            assertThat(lookup.snapshots()).isEmpty();
            assertThat(lookup.failures()).extracting(AccountFailure::reason)
                    .containsExactly(FailureReason.NOT_FOUND, FailureReason.NOT_FOUND);
            assertThat(lookup.failedRequests()).isZero();
            assertThat(lookup.everyRequestFailed()).isFalse();
            assertThat(lookup.lowestRateLimitRemaining()).isPresent();
        }
    }

    @Nested
    class Authentication {

        @Test
        void oauth1UserContextRequestsAreSignedAndAccepted() {
            XCredentials.UserContext user = new XCredentials.UserContext("consumer-key-1", "consumer-secret-1",
                    "12345-access-token-1", "access-token-secret-1");
            FakeXApi fake = fakeAccepting(user);
            fake.addAccount("signed");

            MetricsLookup lookup = sourceFor(fake, user).build().lookup(handles("signed"), seconds(30));

            assertThat(lookup.snapshots()).hasSize(1);
            assertThat(fake.requests().get(0).header("Authorization"))
                    .startsWith("OAuth ").contains("oauth_consumer_key=\"consumer-key-1\"")
                    .contains("oauth_signature_method=\"HMAC-SHA1\"").contains("oauth_signature=");
        }

        @Test
        void aWronglySignedOauth1RequestIsRejectedNamingTheFourVariablesAndNoValue() {
            XCredentials.UserContext accepted = new XCredentials.UserContext("consumer-key-1", "consumer-secret-1",
                    "12345-access-token-1", "access-token-secret-1");
            XCredentials.UserContext wrongSecret = new XCredentials.UserContext("consumer-key-1", "other-secret-9",
                    "12345-access-token-1", "access-token-secret-1");
            FakeXApi fake = fakeAccepting(accepted);
            fake.addAccount("signed");

            assertThatThrownBy(() -> sourceFor(fake, wrongSecret).build().lookup(handles("signed"), seconds(30)))
                    .isInstanceOfSatisfying(CredentialsRejectedException.class,
                            e -> assertThat(e.service()).isEqualTo(Service.X))
                    .hasMessageContaining("the OAuth 1.0a user-context credentials")
                    .message().doesNotContain("consumer-key-1", "other-secret-9", "12345-access-token-1",
                            "access-token-secret-1");
        }

        @Test
        void aBearerTokenPastedUrlEncodedFromThePortalIsSentAsXExpectsIt() {
            XCredentials.BearerToken pasted = new XCredentials.BearerToken("AAAAAAAAAAAAAAAAAAAAAB%2Fcd%2Bef%3Dgh%3D");
            FakeXApi fake = fakeAccepting(pasted);
            fake.addAccount("encoded");

            MetricsLookup lookup = sourceFor(fake, pasted).build().lookup(handles("encoded"), seconds(30));

            assertThat(lookup.snapshots()).hasSize(1);
            assertThat(fake.requests().get(0).header("Authorization"))
                    .isEqualTo("Bearer AAAAAAAAAAAAAAAAAAAAAB%2Fcd%2Bef%3Dgh%3D");
        }

        @Test
        void a401FailsAtOnceNamingTheBearerTokenWithoutItsValue() {
            FakeXApi fake = fakeAccepting(new XCredentials.BearerToken("the-right-token"));
            fake.addAccounts("user", 2);

            assertThatThrownBy(() -> sourceFor(fake, BEARER).build().lookup(handles("user1", "user2"), seconds(30)))
                    .isInstanceOfSatisfying(CredentialsRejectedException.class,
                            e -> assertThat(e.service()).isEqualTo(Service.X))
                    .hasMessageContaining("the bearer token")
                    .hasMessageContaining("401")
                    .message().doesNotContain(BEARER.token(), "the-right-token");
            assertThat(fake.requestCount()).as("no retry after 401").isEqualTo(1);
        }

        @Test
        void a401InOneBatchStopsTheWholeLookup() {
            FakeXApi fake = fakeAccepting(BEARER);
            List<String> names = fake.addAccounts("user", 300);
            fake.unauthorized(1);

            assertThatThrownBy(() -> sourceFor(fake, BEARER).maxConcurrentRequests(1).build()
                    .lookup(handles(names), seconds(30)))
                    .isInstanceOf(CredentialsRejectedException.class);
            assertThat(fake.requestCount()).isEqualTo(1);
        }
    }

    @Nested
    class RateLimits {

        @Test
        void a429WhoseResetFitsTheDeadlineIsWaitedOutAndRetried() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("patient");
            fake.tooManyRequests(1, Instant.now().plusSeconds(2));

            long started = System.nanoTime();
            MetricsLookup lookup = sourceFor(fake, BEARER).build().lookup(handles("patient"), seconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(lookup.snapshots()).hasSize(1);
            assertThat(lookup.failures()).isEmpty();
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            assertThat(lookup.requests()).isEqualTo(2);
            assertThat(fake.requests()).extracting(RecordedRequest::answer).containsExactly("429", "200");
            assertThat(log.lines()).anyMatch(m -> m.contains("waiting for the reset"));
        }

        @Test
        void a429WhoseResetIsPastTheDeadlineReportsRateLimitedWithoutWaiting() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("hurried1");
            fake.addAccount("hurried2");
            fake.tooManyRequests(1, Instant.now().plusSeconds(600));

            long started = System.nanoTime();
            MetricsLookup lookup = sourceFor(fake, BEARER).build().lookup(handles("hurried1", "hurried2"), seconds(20));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofSeconds(2));
            assertThat(lookup.snapshots()).isEmpty();
            assertThat(lookup.failures()).extracting(AccountFailure::reason)
                    .containsExactly(FailureReason.RATE_LIMITED, FailureReason.RATE_LIMITED);
            assertThat(lookup.requests()).isEqualTo(1);
            assertThat(lookup.failedRequests()).as("rate limited is a quota state, not a failed request").isZero();
            assertThat(lookup.lowestRateLimitRemaining()).hasValue(0);
        }

        @Test
        void reportsTheLowestXRateLimitRemainingSeenInTheRun() {
            FakeXApi fake = fakeAccepting(BEARER);
            List<String> names = fake.addAccounts("user", 250);
            fake.rateLimit(300, 120, Instant.now().plus(Duration.ofMinutes(10)));

            MetricsLookup lookup = sourceFor(fake, BEARER).build().lookup(handles(names), seconds(30));

            assertThat(lookup.lowestRateLimitRemaining()).hasValue(117);
        }
    }

    @Nested
    class TransientErrors {

        @Test
        void two503sThenA200SucceedAfterThreeRequests() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("steady");
            fake.failWith(503, 2);

            MetricsLookup lookup = sourceFor(fake, BEARER).build().lookup(handles("steady"), seconds(30));

            assertThat(lookup.snapshots()).hasSize(1);
            assertThat(lookup.requests()).isEqualTo(3);
            assertThat(lookup.failedRequests()).isZero();
            assertThat(fake.requests()).extracting(RecordedRequest::answer).containsExactly("503", "503", "200");
        }

        @Test
        void aMalformedJsonBodyIsRetried() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("garbled");
            fake.malformedJson(1);

            MetricsLookup lookup = sourceFor(fake, BEARER).build().lookup(handles("garbled"), seconds(30));

            assertThat(lookup.snapshots()).hasSize(1);
            assertThat(lookup.requests()).isEqualTo(2);
        }

        @Test
        void aDroppedConnectionIsRetried() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("dropped");
            // The JDK's HttpURLConnection (under twitter4j) silently sends a GET again once when the
            // connection drops before the answer's header: two drops are one failed attempt for us.
            fake.dropConnections(2);

            MetricsLookup lookup = sourceFor(fake, BEARER).build().lookup(handles("dropped"), seconds(30));

            assertThat(lookup.snapshots()).hasSize(1);
            assertThat(fake.requests()).extracting(RecordedRequest::answer)
                    .containsExactly("CONNECTION_RESET_BY_PEER", "CONNECTION_RESET_BY_PEER", "200");
            assertThat(lookup.requests()).as("requests twitter4j sent; the JDK's hidden repeat is not seen").isEqualTo(2);
            assertThat(log.lines()).anyMatch(m -> m.contains("retrying") && m.contains("SocketException"));
        }

        @Test
        void aConnectionClosedWithoutAnAnswerIsRetried() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("silent");
            fake.emptyResponses(2);

            MetricsLookup lookup = sourceFor(fake, BEARER).build().lookup(handles("silent"), seconds(30));

            assertThat(lookup.snapshots()).hasSize(1);
            assertThat(fake.requests()).extracting(RecordedRequest::answer)
                    .containsExactly("EMPTY_RESPONSE", "EMPTY_RESPONSE", "200");
            assertThat(lookup.requests()).isEqualTo(2);
        }

        @Test
        void aStalledAnswerTimesOutInsteadOfHangingTheRun() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("stalled");
            fake.delayResponses(Duration.ofSeconds(3));

            long started = System.nanoTime();
            MetricsLookup lookup = sourceFor(fake, BEARER).backoff(new Backoff(2, Duration.ofMillis(10), Duration.ofMillis(20)))
                    .timeouts(Duration.ofSeconds(1), Duration.ofMillis(300)).build()
                    .lookup(handles("stalled"), seconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofMillis(2500));
            assertThat(lookup.failures()).singleElement().satisfies(f -> {
                assertThat(f.reason()).isEqualTo(FailureReason.X_ERROR);
                assertThat(f.detail()).containsIgnoringCase("timed out");
            });
            assertThat(lookup.requests()).isEqualTo(2);
        }

        @Test
        void persistent5xxBecomeXErrorFailuresAndFailedRequests() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("down1");
            fake.addAccount("down2");
            fake.failWith(502, 10);

            MetricsLookup lookup = sourceFor(fake, BEARER).build().lookup(handles("down1", "down2"), seconds(30));

            assertThat(lookup.snapshots()).isEmpty();
            assertThat(lookup.failures()).allSatisfy(f -> {
                assertThat(f.reason()).isEqualTo(FailureReason.X_ERROR);
                assertThat(f.detail()).contains("502");
            }).hasSize(2);
            assertThat(lookup.requests()).isEqualTo(FAST.maxAttempts());
            assertThat(lookup.failedRequests()).isEqualTo(lookup.requests());
            assertThat(lookup.everyRequestFailed()).isTrue();
            assertThat(fake.requestCount()).isEqualTo(3);
        }

        @Test
        void oneFailingBatchDoesNotSpoilTheOthers() {
            FakeXApi fake = fakeAccepting(BEARER);
            List<String> names = fake.addAccounts("user", 250);
            fake.failWith(500, 3);     // one batch at a time: the first batch gets all three

            MetricsLookup lookup = sourceFor(fake, BEARER).maxConcurrentRequests(1).build()
                    .lookup(handles(names), seconds(30));

            assertThat(lookup.snapshots()).hasSize(150);
            assertThat(lookup.failures()).hasSize(100).allMatch(f -> f.reason() == FailureReason.X_ERROR);
            assertThat(lookup.requests()).isEqualTo(5);
            assertThat(lookup.failedRequests()).isEqualTo(3);
            assertThat(lookup.everyRequestFailed()).isFalse();
        }

        @Test
        void retriesAreLoggedAsEvents() {
            FakeXApi fake = fakeAccepting(BEARER);
            fake.addAccount("logged");
            fake.failWith(503, 1);

            sourceFor(fake, BEARER).build().lookup(handles("logged"), seconds(30));

            assertThat(log.lines()).anyMatch(m -> m.contains("retrying"));
        }
    }

    @Nested
    class Secrets {

        @Test
        void noSecretValueReachesAMessageALogEventOrTheConsole() {
            XCredentials.UserContext accepted = new XCredentials.UserContext("ck-s3cr3t-a", "cs-s3cr3t-b",
                    "at-s3cr3t-c", "ats-s3cr3t-d");
            XCredentials.UserContext rejected = new XCredentials.UserContext("ck-s3cr3t-a", "cs-s3cr3t-x",
                    "at-s3cr3t-c", "ats-s3cr3t-d");
            FakeXApi fake = fakeAccepting(accepted);
            fake.addAccount("someone");
            fake.failWith(503, 1).dropConnections(1).malformedJson(1);

            PrintStream out = System.out;
            PrintStream err = System.err;
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            List<String> texts = new ArrayList<>();
            System.setProperty("twitter4j.debug", "true");
            try {
                PrintStream capture = new PrintStream(console, true);
                System.setOut(capture);
                System.setErr(capture);
                MetricsLookup lookup = new Source(accepted, fake.baseUrl(),
                        new Backoff(4, Duration.ofMillis(1), Duration.ofMillis(5)), log).build()
                        .lookup(handles("someone"), seconds(30));
                lookup.failures().forEach(f -> texts.add(f.detail()));
                try {
                    new Source(rejected, fake.baseUrl(), Backoff.DEFAULT, log).build().lookup(handles("someone"), seconds(30));
                } catch (RuntimeException e) {
                    texts.add(String.valueOf(e));
                    texts.add(String.valueOf(e.getCause()));
                }
            } finally {
                System.setOut(out);
                System.setErr(err);
                System.clearProperty("twitter4j.debug");
            }
            texts.add(console.toString());
            texts.addAll(log.lines());

            assertThat(log.lines()).isNotEmpty();
            assertThat(String.join("\n", texts)).doesNotContainIgnoringCase("s3cr3t");
        }
    }

    static Map<String, PublicMetrics> metricsByHandle(MetricsLookup lookup) {
        assertThat(lookup.failures()).isEmpty();
        Map<String, PublicMetrics> byHandle = new java.util.HashMap<>();
        lookup.snapshots().forEach(s -> byHandle.put(s.handle().value(), s.metrics()));
        return byHandle;
    }

}

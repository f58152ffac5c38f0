package io.github.twitterstats.adapter.out.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountIds;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.ResolvedAccount;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import io.github.twitterstats.testing.FakeXApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** XAccountDirectory: the metrics run's users/by request and policy, read for ids. */
class XAccountDirectoryTest {

    static final XCredentials.BearerToken BEARER = new XCredentials.BearerToken("directory-token");
    static final Backoff FAST = new Backoff(3, Duration.ofMillis(1), Duration.ofMillis(5));
    final FakeXApi x = FakeXApi.start(BEARER);
    final Deadline deadline = Deadline.after(Duration.ofSeconds(30), Clock.systemUTC());

    @AfterEach
    void stop() {
        x.close();
    }

    XAccountDirectory directory(XCredentials credentials) {
        return new XAccountDirectory(new XClient(credentials, x.baseUrl(),
                new XClient.Tuning(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(500), FAST),
                RunLog.SILENT, Clock.systemUTC()));
    }

    static List<Handle> handles(String... names) {
        return Stream.of(names).map(Handle::new).toList();
    }

    @Test
    void resolvesIdsInBatchesOfOneHundredAndReportsUnknownAndSuspendedAccounts() {
        List<String> names = x.addAccounts("user", 150);
        x.addAccount("gone").suspended();
        List<String> asked = new java.util.ArrayList<>(names);
        asked.add("gone");
        asked.add("nosuch");

        AccountIds ids = directory(BEARER).resolve(asked.stream().map(Handle::new).toList(), deadline);

        assertThat(x.problems()).isEmpty();
        assertThat(ids.found()).hasSize(150);
        assertThat(ids.found()).extracting(ResolvedAccount::userId)
                .containsExactlyElementsOf(names.stream().map(n -> x.account(n).id()).toList());
        assertThat(ids.failures()).extracting(AccountFailure::account, AccountFailure::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("gone", FailureReason.SUSPENDED),
                org.assertj.core.groups.Tuple.tuple("nosuch", FailureReason.NOT_FOUND));
        assertThat(ids.requests()).isEqualTo(2);
        assertThat(ids.failedRequests()).isZero();
        assertThat(x.requests()).allSatisfy(r -> assertThat(r.commaSeparated("usernames").size()).isLessThanOrEqualTo(100));
    }

    @Test
    void persistent5xxFailTheBatchAsXErrorAndCountEveryAttemptAsFailed() {
        x.addAccount("jack");
        x.failWith(503, 3);

        AccountIds ids = directory(BEARER).resolve(handles("jack"), deadline);

        assertThat(ids.found()).isEmpty();
        assertThat(ids.failures()).extracting(AccountFailure::reason).containsExactly(FailureReason.X_ERROR);
        assertThat(ids.requests()).isEqualTo(3);
        assertThat(ids.everyRequestFailed()).isTrue();
    }

    @Test
    void aMalformedBodyIsRetriedLikeA5xx() {
        x.addAccount("jack");
        x.malformedJson(1);

        AccountIds ids = directory(BEARER).resolve(handles("jack"), deadline);

        assertThat(ids.found()).extracting(ResolvedAccount::userId).containsExactly(x.account("jack").id());
        assertThat(ids.requests()).isEqualTo(2);
        assertThat(ids.failedRequests()).isZero();
    }

    @Test
    void a429PastTheDeadlineIsRateLimitedAndNotAFailedRequest() {
        x.addAccount("jack");
        x.tooManyRequests(1, Instant.now().plusSeconds(900));

        AccountIds ids = directory(BEARER).resolve(handles("jack"),
                Deadline.after(Duration.ofSeconds(5), Clock.systemUTC()));

        assertThat(ids.failures()).extracting(AccountFailure::reason).containsExactly(FailureReason.RATE_LIMITED);
        assertThat(ids.failedRequests()).isZero();
    }

    @Test
    void rejectedCredentialsThrowNamingTheServiceAndNoValue() {
        assertThatThrownBy(() -> directory(new XCredentials.BearerToken("revoked-token")).resolve(handles("jack"), deadline))
                .isInstanceOfSatisfying(CredentialsRejectedException.class,
                        e -> assertThat(e.service()).isEqualTo(Service.X))
                .hasMessageContaining("the bearer token")
                .hasMessageNotContaining("revoked-token");
    }
}

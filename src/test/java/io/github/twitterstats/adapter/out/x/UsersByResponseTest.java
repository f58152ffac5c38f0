package io.github.twitterstats.adapter.out.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Handle;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UsersByResponseTest {

    static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    static List<Handle> handles(String... names) {
        return Stream.of(names).map(Handle::new).toList();
    }

    static UsersByResponse.Outcome resolve(String body, String... names) throws Exception {
        return UsersByResponse.parse(body).resolve(handles(names), AT);
    }

    static String user(String username, String metrics) {
        return "{\"id\":\"1\",\"name\":\"n\",\"username\":\"" + username + "\",\"public_metrics\":" + metrics + "}";
    }

    @Test
    void prefersPostCountWhenBothNamesArePresent() throws Exception {
        var outcome = resolve("{\"data\":[" + user("a", "{\"followers_count\":1,\"following_count\":2,"
                + "\"post_count\":30,\"tweet_count\":3,\"listed_count\":4}") + "]}", "a");

        assertThat(outcome.snapshots().get(0).metrics().posts()).isEqualTo(30);
        assertThat(outcome.snapshots().get(0).observedAt()).isEqualTo(AT);
    }

    @Test
    void aUserWithoutARequiredCounterIsAnXErrorNeverAZero() throws Exception {
        var outcome = resolve("{\"data\":[" + user("a", "{\"followers_count\":1,\"tweet_count\":3,\"listed_count\":4}")
                + "," + user("b", "null") + "]}", "a", "b");

        assertThat(outcome.snapshots()).isEmpty();
        assertThat(outcome.failures()).extracting(AccountFailure::reason).containsOnly(FailureReason.X_ERROR);
        assertThat(outcome.failures().get(0).detail()).contains("following_count");
        assertThat(outcome.failures().get(1).detail()).contains("without public_metrics");
    }

    @Test
    void aCounterThatIsNotANonNegativeIntegerIsTreatedAsNotReported() throws Exception {
        var outcome = resolve("{\"data\":[" + user("a", "{\"followers_count\":1,\"following_count\":2,"
                + "\"tweet_count\":3,\"listed_count\":4,\"like_count\":\"7\",\"media_count\":-1}") + "]}", "a");

        assertThat(outcome.snapshots().get(0).metrics().likes()).isEmpty();
        assertThat(outcome.snapshots().get(0).metrics().media()).isEmpty();
    }

    @Test
    void errorsAreMatchedByValueThenResourceIdThenTheNamesInTheDetailCaseInsensitively() throws Exception {
        String body = "{\"errors\":["
                + "{\"value\":\"BYVALUE\",\"title\":\"Not Found Error\",\"detail\":\"Could not find user with usernames: [BYVALUE].\"},"
                + "{\"resource_id\":\"byid\",\"title\":\"Forbidden\",\"detail\":\"User has been suspended: [byid].\"},"
                + "{\"title\":\"Not Found Error\",\"detail\":\"Could not find user with usernames: [ByDetail].\","
                + "\"type\":\"https://api.twitter.com/2/problems/resource-not-found\"},"
                + "{\"value\":\"other\",\"title\":\"Something New\",\"detail\":\"Unexpected\"}]}";

        var outcome = resolve(body, "byValue", "ByID", "bydetail", "other", "silent");

        assertThat(outcome.failures()).extracting(AccountFailure::account, AccountFailure::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("byValue", FailureReason.NOT_FOUND),
                org.assertj.core.groups.Tuple.tuple("ByID", FailureReason.SUSPENDED),
                org.assertj.core.groups.Tuple.tuple("bydetail", FailureReason.NOT_FOUND),
                org.assertj.core.groups.Tuple.tuple("other", FailureReason.X_ERROR),
                org.assertj.core.groups.Tuple.tuple("silent", FailureReason.X_ERROR));
        assertThat(outcome.failures().get(4).detail()).contains("neither");
    }

    @Test
    void aMemberNamedTwiceCountsWithItsLastValue() throws Exception {
        var outcome = resolve("{\"data\":[" + user("a", "{\"followers_count\":1,\"following_count\":2,"
                + "\"tweet_count\":3,\"listed_count\":4,\"followers_count\":5}") + "]}", "a");

        assertThat(outcome.snapshots().get(0).metrics().followers()).isEqualTo(5);
    }

    @Test
    void aBodyThatIsNotTheDocumentedObjectIsMalformed() {
        for (String body : new String[] {"", "not json", "[]", "{\"data\":[", "{}", "{\"data\":{}}", "{\"errors\":5}", "null"}) {
            assertThatThrownBy(() -> UsersByResponse.parse(body)).as(body)
                    .isInstanceOf(XClient.MalformedResponseException.class);
        }
    }

    @Test
    void aPastedTokenIsPercentDecodedButALiteralPlusIsKept() {
        assertThat(XClient.decodePastedToken("AAAA%2Bb%2Fc%3D")).isEqualTo("AAAA+b/c=");
        assertThat(XClient.decodePastedToken("AAAA+b/c=")).isEqualTo("AAAA+b/c=");
        assertThat(XClient.decodePastedToken("AAAA%2Bb+c")).isEqualTo("AAAA+b+c");
        assertThat(XClient.decodePastedToken("50%off%zz")).isEqualTo("50%off%zz");
    }
}

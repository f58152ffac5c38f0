package io.github.twitterstats.adapter.out.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.testing.FakeXApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import twitter4j.Twitter;
import twitter4j.TwitterException;
import twitter4j.TwitterFactory;
import twitter4j.TwitterV2;
import twitter4j.TwitterV2ExKt;
import twitter4j.V2ConfigurationKt;
import twitter4j.conf.Configuration;
import twitter4j.conf.ConfigurationBuilder;

/**
 * Why XClient reads twitter4j's raw HttpResponse instead of calling
 * {@code TwitterV2.getUsersBy}: these are the measured limits of jp.takke.twitter4j-v2 1.4.3. If a
 * later version lifts them, these tests fail and the adapter can be simplified.
 */
class Twitter4jV2LimitsTest {

    static final String TOKEN = "limits-token";
    final FakeXApi fake = FakeXApi.start(new XCredentials.BearerToken(TOKEN));

    @AfterEach
    void stop() {
        fake.close();
    }

    TwitterV2 v2() {
        Configuration conf = new ConfigurationBuilder().setApplicationOnlyAuthEnabled(true)
                .setOAuthConsumerKey("unused").setOAuthConsumerSecret("unused")
                .setOAuth2TokenType("bearer").setOAuth2AccessToken(TOKEN)
                .setJSONStoreEnabled(true).build();
        V2ConfigurationKt.getV2Configuration(conf).setBaseURL(fake.baseUrl() + "/2/");
        Twitter twitter = new TwitterFactory(conf).getInstance();
        return TwitterV2ExKt.getV2(twitter);
    }

    @Test
    void whenEveryNameIsUnknownGetUsersByThrowsWithoutStatusHeadersOrBody() {
        TwitterException e = catchThrowableOfType(TwitterException.class,
                () -> v2().getUsersBy(new String[] {"nosuch1", "nosuch2"}, null, "public_metrics", "pinned_tweet_id"));

        assertThat(fake.requests().get(0).answer()).as("X answered 200 with errors[]").isEqualTo("200");
        assertThat(e.getStatusCode()).isEqualTo(-1);
        assertThat(e.getMessage()).contains("data");
        assertThat(e.getRateLimitStatus()).as("the answer's rate-limit headers are lost").isNull();
    }

    @Test
    void unknownNamesAreDroppedSilentlyAndExpansionsIsAlwaysSent() throws Exception {
        fake.addAccount("known");

        var response = v2().getUsersBy(new String[] {"known", "nosuch"}, null, "public_metrics", "pinned_tweet_id");

        assertThat(response.getUsers()).hasSize(1);     // no accessor tells that "nosuch" is not found
        assertThat(fake.requests().get(0).query()).containsKey("expansions");
    }

    @Test
    void anEmptyExpansionsIsStillSentAndAStrictServerRefusesIt() {
        TwitterException e = catchThrowableOfType(TwitterException.class,
                () -> v2().getUsersBy(new String[] {"someone"}, null, "public_metrics", ""));

        assertThat(fake.requests().get(0).rawQuery()).contains("expansions=");
        assertThat(e.getStatusCode()).isEqualTo(400);
    }
}

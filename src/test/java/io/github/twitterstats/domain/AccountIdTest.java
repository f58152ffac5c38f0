package io.github.twitterstats.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Handle and DID syntax per atproto.com/specs/handle and /specs/did; Mastodon names per docs.joinmastodon.org. */
class AccountIdTest {

    @Test
    void blueskyHandlesAreHostNamesWithAtLeastTwoLabels() {
        assertThat(AccountId.Bluesky.isValidHandle("jay.bsky.social")).isTrue();
        assertThat(AccountId.Bluesky.isValidHandle("8.cn")).isTrue();
        assertThat(AccountId.Bluesky.isValidHandle("xn--notarealidn.com")).isTrue();
        assertThat(AccountId.Bluesky.isValidHandle("john.test")).isTrue();
        assertThat(AccountId.Bluesky.isValidHandle("a".repeat(63) + ".com")).isTrue();

        assertThat(AccountId.Bluesky.isValidHandle("a".repeat(64) + ".com")).isFalse();
        assertThat(AccountId.Bluesky.isValidHandle("jo@hn.test")).isFalse();
        assertThat(AccountId.Bluesky.isValidHandle("john..test")).isFalse();
        assertThat(AccountId.Bluesky.isValidHandle(".john.test")).isFalse();
        assertThat(AccountId.Bluesky.isValidHandle("john.test.")).isFalse();
        assertThat(AccountId.Bluesky.isValidHandle("-john.test")).isFalse();
        assertThat(AccountId.Bluesky.isValidHandle("john.0")).isFalse();
        assertThat(AccountId.Bluesky.isValidHandle("com")).isFalse();
        assertThat(AccountId.Bluesky.isValidHandle("laptop.local")).isFalse();
        assertThat(AccountId.Bluesky.isValidHandle("handle.invalid")).isFalse();
        assertThat(AccountId.Bluesky.isValidHandle("ex.onion")).isFalse();
        assertThat(AccountId.Bluesky.isValidHandle(("a".repeat(62) + ".").repeat(4) + "com")).isFalse();   // 255 > 253
    }

    @Test
    void blueskyDidsArePlcOrHostLevelWeb() {
        assertThat(AccountId.Bluesky.isValidDid("did:plc:z72i7hdynmk6r22z27h6tvur")).isTrue();
        assertThat(AccountId.Bluesky.isValidDid("did:web:blueskyweb.xyz")).isTrue();

        assertThat(AccountId.Bluesky.isValidDid("did:plc:z72i7hdynmk6r22z27h6tvu")).isFalse();     // 23
        assertThat(AccountId.Bluesky.isValidDid("did:plc:z72i7hdynmk6r22z27h6tvur0")).isFalse();   // 25
        assertThat(AccountId.Bluesky.isValidDid("did:plc:Z72I7HDYNMK6R22Z27H6TVUR")).isFalse();
        assertThat(AccountId.Bluesky.isValidDid("did:plc:0189abcdefghijklmnopqrst")).isFalse();
        assertThat(AccountId.Bluesky.isValidDid("did:web:blueskyweb.xyz:path")).isFalse();
        assertThat(AccountId.Bluesky.isValidDid("did:key:zQ3shunBKsXixLxKtC5qeSG9E4J5RkGN57im31pcTzbNQnm5w")).isFalse();
        assertThatThrownBy(() -> new AccountId.Bluesky("did:web:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mastodonAccountsAreUserAtHost() {
        assertThat(AccountId.Mastodon.parse("Gargron@mastodon.social")).isEqualTo(new AccountId.Mastodon("gargron", "Mastodon.Social"));
        assertThat(AccountId.Mastodon.parse("first.last@pixelfed.social")).isNotNull();
        assertThat(AccountId.Mastodon.parse("a_b@x.y.z")).isNotNull();

        assertThat(AccountId.Mastodon.parse("alice")).isNull();
        assertThat(AccountId.Mastodon.parse("@mastodon.social")).isNull();
        assertThat(AccountId.Mastodon.parse("alice@")).isNull();
        assertThat(AccountId.Mastodon.parse("alice@localhost")).isNull();
        assertThat(AccountId.Mastodon.parse("alice@mastodon.social:443")).isNull();
        assertThat(AccountId.Mastodon.parse(".alice@mastodon.social")).isNull();
        assertThat(AccountId.Mastodon.parse("alice.@mastodon.social")).isNull();
        assertThat(AccountId.Mastodon.parse("al ice@mastodon.social")).isNull();
    }

    @Test
    void aSnapshotOfAnotherNetworkHasNoXHandle() {
        AccountSnapshot bluesky = new AccountSnapshot(new AccountId.Bluesky("nasa.bsky.social"),
                PublicMetrics.counts(3, 2, 1), Instant.EPOCH);
        AccountSnapshot x = new AccountSnapshot(new Handle("nasa"), PublicMetrics.counts(3, 2, 1), Instant.EPOCH);

        assertThat(x.handle()).isEqualTo(new Handle("NASA"));
        assertThat(x.network()).isEqualTo(Network.X);
        assertThat(bluesky.network()).isEqualTo(Network.BLUESKY);
        assertThatThrownBy(bluesky::handle).isInstanceOf(IllegalStateException.class).hasMessageContaining("bluesky");
    }
}

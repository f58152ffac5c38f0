package io.github.twitterstats.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TagValueTest {

    @Test
    void lowerCasesAndKeepsLettersDigitsAndTheFiveAllowedMarks() {
        assertThat(TagValue.normalise("Nasa.Bsky.Social")).isEqualTo("nasa.bsky.social");
        assertThat(TagValue.normalise("did:plc:ewvi7nxzyoun6zhxrhs64oiz")).isEqualTo("did:plc:ewvi7nxzyoun6zhxrhs64oiz");
        assertThat(TagValue.normalise("a_b-c:d.e/f")).isEqualTo("a_b-c:d.e/f");
    }

    @Test
    void turnsEveryOtherCharacterIntoAnUnderscore() {
        assertThat(TagValue.normalise("Alice@Mastodon.Social")).isEqualTo("alice_mastodon.social");
        assertThat(TagValue.normalise("a b+c%d")).isEqualTo("a_b_c_d");
    }

    @Test
    void accountIdsTagThemselvesAsDatadogStoresThem() {
        AccountList list = AccountList.parse("@NASA Nasa.Bsky.Social @Alice@Mastodon.Social did:plc:ewvi7nxzyoun6zhxrhs64oiz");

        assertThat(list.accounts()).extracting(AccountId::tagValue).containsExactly(
                "nasa", "nasa.bsky.social", "alice_mastodon.social", "did:plc:ewvi7nxzyoun6zhxrhs64oiz");
        assertThat(list.accounts()).extracting(a -> a.network().tagValue()).containsExactly("x", "bluesky", "mastodon", "bluesky");
    }
}

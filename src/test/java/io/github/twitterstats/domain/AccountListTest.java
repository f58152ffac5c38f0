package io.github.twitterstats.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccountListTest {

    private static List<String> names(AccountList list) {
        return list.handles().stream().map(Handle::value).toList();
    }

    @Test
    void splitsOnSemicolonsCommasAndAnyWhiteSpace() {
        AccountList list = AccountList.parse(" nasa;esa,  jaxa_jp\tcnes\n\nisro ;; ,");

        assertThat(names(list)).containsExactly("nasa", "esa", "jaxa_jp", "cnes", "isro");
        assertThat(list.invalid()).isEmpty();
    }

    @Test
    void dropsALeadingAtSign() {
        assertThat(names(AccountList.parse("@NASA; @esa"))).containsExactly("NASA", "esa");
    }

    @Test
    void removesDuplicatesCaseInsensitivelyKeepingTheFirstSpelling() {
        AccountList list = AccountList.parse("NASA;nasa;@Nasa;esa;ESA");

        assertThat(names(list)).containsExactly("NASA", "esa");
        assertThat(list.requested()).isEqualTo(2);
    }

    @Test
    void reportsInvalidHandlesAsFailuresAndKeepsTheOthers() {
        AccountList list = AccountList.parse("nasa;this_handle_is_far_too_long;bad-dash;@;esa");

        assertThat(names(list)).containsExactly("nasa", "esa");
        assertThat(list.invalid()).extracting(AccountFailure::account)
                .containsExactly("this_handle_is_far_too_long", "bad-dash", "@");
        assertThat(list.invalid()).allSatisfy(f -> assertThat(f.reason()).isEqualTo(FailureReason.INVALID_HANDLE));
        assertThat(list.requested()).isEqualTo(5);
    }

    @Test
    void acceptsFifteenCharactersAndRejectsSixteen() {
        AccountList list = AccountList.parse("abcdefghijklmno;abcdefghijklmnop");

        assertThat(names(list)).containsExactly("abcdefghijklmno");
        assertThat(list.invalid()).extracting(AccountFailure::account).containsExactly("abcdefghijklmnop");
    }

    @Test
    void anEmptyOrBlankListHasNoHandles() {
        assertThat(AccountList.parse("").isEmpty()).isTrue();
        assertThat(AccountList.parse(" ;, ").isEmpty()).isTrue();
        assertThat(AccountList.parse(null).requested()).isZero();
    }

    private static List<String> entries(AccountList list) {
        return list.accounts().stream().map(a -> a.network().tagValue() + ":" + a.display()).toList();
    }

    @Test
    void readsTheEntriesOfEveryNetworkInTheUsersOrder() {
        AccountList list = AccountList.parse("nasa, nasa.bsky.social; alice@mastodon.social x:esa bsky:jaxa.bsky.social "
                + "@bob@fosstodon.org mastodon:carol@hachyderm.io did:plc:ewvi7nxzyoun6zhxrhs64oiz did:web:nasa.gov @cnes nasa.gov");

        assertThat(entries(list)).containsExactly("x:nasa", "bluesky:nasa.bsky.social", "mastodon:alice@mastodon.social",
                "x:esa", "bluesky:jaxa.bsky.social", "mastodon:bob@fosstodon.org", "mastodon:carol@hachyderm.io",
                "bluesky:did:plc:ewvi7nxzyoun6zhxrhs64oiz", "bluesky:did:web:nasa.gov", "x:cnes", "bluesky:nasa.gov");
        assertThat(list.invalid()).isEmpty();
        assertThat(names(list)).containsExactly("nasa", "esa", "cnes");
        assertThat(list.bluesky()).extracting(AccountId.Bluesky::actor).containsExactly("nasa.bsky.social",
                "jaxa.bsky.social", "did:plc:ewvi7nxzyoun6zhxrhs64oiz", "did:web:nasa.gov", "nasa.gov");
        assertThat(list.mastodon()).extracting(AccountId.Mastodon::acct)
                .containsExactly("alice@mastodon.social", "bob@fosstodon.org", "carol@hachyderm.io");
        assertThat(list.requested()).isEqualTo(11);
    }

    @Test
    void removesDuplicatesPerNetworkCaseInsensitivelyKeepingTheFirstSpelling() {
        AccountList list = AccountList.parse("NASA x:nasa @Nasa Nasa.Bsky.Social bsky:nasa.bsky.social @NASA.bsky.social "
                + "@Alice@Mastodon.Social alice@mastodon.social mastodon:ALICE@mastodon.SOCIAL");

        assertThat(entries(list)).containsExactly("x:NASA", "bluesky:Nasa.Bsky.Social", "mastodon:Alice@Mastodon.Social");
        assertThat(list.requested()).isEqualTo(3);
    }

    @Test
    void theSameNameOnTwoNetworksIsTwoAccounts() {
        AccountList list = AccountList.parse("nasa x:nasa.gov nasa.gov nasa@nasa.gov");

        assertThat(entries(list)).containsExactly("x:nasa", "bluesky:nasa.gov", "mastodon:nasa@nasa.gov");
        assertThat(list.invalid()).extracting(AccountFailure::account).containsExactly("x:nasa.gov");
    }

    @Test
    void anInvalidEntrySaysWhatAValidEntryOfItsNetworkLooksLike() {
        AccountList list = AccountList.parse("bad-dash x:nasa.gov bsky:nasa -nasa.bsky.social nasa.bsky.123 "
                + "did:plc:tooshort did:key:z6Mkabc DID:PLC:EWVI7NXZYOUN6ZHXRHS64OIZ handle.invalid "
                + "alice@localhost al!ce@mastodon.social a@b@c.social mastodon:alice");

        assertThat(list.accounts()).isEmpty();
        assertThat(list.isEmpty()).isTrue();
        assertThat(list.invalid()).allSatisfy(f -> assertThat(f.reason()).isEqualTo(FailureReason.INVALID_HANDLE));
        assertThat(list.invalid()).extracting(f -> f.account() + " -> " + f.detail().split(" ")[1]).containsExactly(
                "bad-dash -> X", "x:nasa.gov -> X",
                "bsky:nasa -> Bluesky", "-nasa.bsky.social -> Bluesky", "nasa.bsky.123 -> Bluesky",
                "did:plc:tooshort -> Bluesky", "did:key:z6Mkabc -> Bluesky",
                "DID:PLC:EWVI7NXZYOUN6ZHXRHS64OIZ -> Bluesky", "handle.invalid -> Bluesky",
                "alice@localhost -> Mastodon", "al!ce@mastodon.social -> Mastodon",
                "a@b@c.social -> Mastodon", "mastodon:alice -> Mastodon");
        assertThat(list.invalid().get(0).detail()).isEqualTo("an X handle is 1 to 15 letters, digits or underscores");
        assertThat(list.invalid().get(2).detail()).contains("nasa.bsky.social", "did:plc:");
        assertThat(list.invalid().get(9).detail()).contains("user@instance");
        assertThat(list.requested()).isEqualTo(13);
    }

    @Test
    void aListOfOtherNetworksAloneIsNotEmpty() {
        AccountList list = AccountList.parse("nasa.bsky.social");

        assertThat(list.isEmpty()).isFalse();
        assertThat(list.handles()).isEmpty();
        assertThat(AccountList.parse("alice@mastodon.social").isEmpty()).isFalse();
    }
}

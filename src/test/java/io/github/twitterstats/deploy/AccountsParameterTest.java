package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.domain.AccountList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The stack's Accounts parameter admits every entry form the program reads (X, Bluesky, Mastodon, with every
 * separator), and refuses characters no entry can hold, so a typo is caught by the console, not by a failed run.
 */
class AccountsParameterTest {

    private static final Map<String, Object> ACCOUNTS = Template.load(Template.PIPELINE).parameters().get("Accounts");
    private static final Pattern ALLOWED = Pattern.compile((String) ACCOUNTS.get("AllowedPattern"));

    @Test
    void admitsEveryEntryFormOfEveryNetwork() {
        String list = "nasa;@esa, x:spacex nasa.bsky.social;bsky:nasa.gov did:plc:ewvi7nxzyoun6zhxrhs64oiz "
                + "did:web:nasa.gov;alice@mastodon.social,@Bob@Hachyderm.io mastodon:carol@fosstodon.org\tmy-site.example.com";

        assertThat(ALLOWED.matcher(list).matches()).isTrue();
        AccountList parsed = AccountList.parse(list);
        assertThat(parsed.invalid()).isEmpty();
        assertThat(parsed.handles()).hasSize(3);
        assertThat(parsed.bluesky()).hasSize(5);
        assertThat(parsed.mastodon()).hasSize(3);
    }

    @Test
    void refusesCharactersNoEntryHolds() {
        for (String value : List.of("nasa\"", "nasa\\esa", "<script>", "nasa/esa", "", "nasa|esa")) {
            assertThat(ALLOWED.matcher(value).matches()).as(value).isFalse();
        }
        assertThat((String) ACCOUNTS.get("Description")).contains("nasa.bsky.social").contains("user@instance");
    }
}

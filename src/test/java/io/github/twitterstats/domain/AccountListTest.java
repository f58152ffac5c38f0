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
}

package io.github.twitterstats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.Handle;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountsReaderTest {

    private static AccountsReader reader(Map<String, String> env, String parameterValue) {
        return new AccountsReader(Config.from(env).accounts(), () -> name -> parameterValue);
    }

    private static java.util.List<String> handles(AccountList list) {
        return list.handles().stream().map(Handle::value).toList();
    }

    @Test
    void theParameterWinsOverTheVariable() {
        AccountList list = reader(Map.of("ACCOUNTS", "nasa", "ACCOUNTS_PARAMETER", "/ts/accounts"), "esa,jaxa")
                .read(Optional.empty());

        assertThat(handles(list)).containsExactly("esa", "jaxa");
    }

    @Test
    void theCommandLineWinsOverBoth() {
        AccountList list = reader(Map.of("ACCOUNTS", "nasa", "ACCOUNTS_PARAMETER", "/ts/accounts"), "esa")
                .read(Optional.of("@cnes"));

        assertThat(handles(list)).containsExactly("cnes");
    }

    @Test
    void noListAnywhereSaysWhatToSet() {
        assertThatThrownBy(() -> reader(Map.of(), null).read(Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("set ACCOUNTS").hasMessageContaining("ACCOUNTS_PARAMETER");
    }

    @Test
    void aListWithNoValidHandleIsAConfigurationErrorNamingItsSource() {
        assertThatThrownBy(() -> reader(Map.of("ACCOUNTS_PARAMETER", "/ts/accounts"), "not-valid;@").read(Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("/ts/accounts")
                .hasMessageContaining("rejected: not-valid, @");
    }
}

package io.github.twitterstats.config;

import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.port.ParameterStore;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the account list for one run. Precedence: the command line's {@code --accounts}, then the
 * SSM parameter named by {@code ACCOUNTS_PARAMETER} (read on every run, so editing it needs no
 * redeploy), then {@code ACCOUNTS}.
 */
public final class AccountsReader {

    private final Config.Accounts config;
    private final Supplier<ParameterStore> parameters;

    public AccountsReader(Config.Accounts config, Supplier<ParameterStore> parameters) {
        this.config = config;
        this.parameters = parameters;
    }

    public AccountList read(Optional<String> override) {
        String source;
        String raw;
        if (override.isPresent()) {
            source = "--accounts";
            raw = override.get();
        } else if (config.parameter().isPresent()) {
            source = "the SSM parameter " + config.parameter().get() + " (" + Env.ACCOUNTS_PARAMETER + ")";
            raw = parameters.get().read(config.parameter().get());
        } else if (config.list().isPresent()) {
            source = Env.ACCOUNTS.name();
            raw = config.list().get();
        } else {
            throw new ConfigurationException("no accounts to track: set " + Env.ACCOUNTS
                    + " to accounts separated by ';' (for example ACCOUNTS=\"nasa;nasa.bsky.social;alice@mastodon.social\"), or "
                    + Env.ACCOUNTS_PARAMETER + " to the name of an SSM parameter holding them");
        }
        AccountList accounts = AccountList.parse(raw);
        if (accounts.isEmpty()) {
            throw new ConfigurationException(source + " holds no valid account (an X handle is 1 to 15 letters, digits"
                    + " or underscores; a Bluesky handle has a dot, e.g. nasa.bsky.social; a Mastodon account is"
                    + " user@instance; separated by ';', ',' or spaces)" + (accounts.invalid().isEmpty() ? ""
                    : "; rejected: " + String.join(", ", accounts.invalid().stream().map(f -> f.account()).toList())));
        }
        return accounts;
    }
}

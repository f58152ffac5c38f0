package io.github.twitterstats.port;

/** Where the account list may be kept so it can change without a redeploy (SSM Parameter Store). */
public interface ParameterStore {

    /** The parameter's value (a StringList arrives comma-separated); throws ConfigurationException if unreadable. */
    String read(String name);
}

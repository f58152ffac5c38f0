package io.github.twitterstats.domain;

/** The configuration cannot work; the message names the variable to set and how. */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}

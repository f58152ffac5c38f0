package io.github.twitterstats.domain;

/**
 * The run could not do its job (every X request failed, DataDog refused the samples after its
 * retries). Messages say what happened and what to check, and never carry a secret value.
 */
public class RunFailedException extends RuntimeException {

    public RunFailedException(String message) {
        super(message);
    }

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.github.twitterstats.domain;

/** A service rejected our credentials (401/403): retrying cannot help, the user must fix them. */
public final class CredentialsRejectedException extends RunFailedException {

    public CredentialsRejectedException(String message) {
        super(message);
    }
}

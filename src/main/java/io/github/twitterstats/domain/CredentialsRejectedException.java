package io.github.twitterstats.domain;

/**
 * A service rejected our credentials (401/403): retrying cannot help, the user must fix them. The message says
 * what the service answered, never which variable to set: the edge adds that from {@link #service()}.
 */
public final class CredentialsRejectedException extends RunFailedException {

    private final Service service;

    public CredentialsRejectedException(Service service, String detail) {
        super(detail);
        this.service = service;
    }

    public Service service() {
        return service;
    }
}

package io.github.twitterstats.domain;

/**
 * A service could not be reached, or kept failing after its retries: a passing outage, not a configuration
 * error. The run fails (exit 1) and the next run tries again.
 */
public final class ServiceUnavailableException extends RunFailedException {

    private final Service service;

    public ServiceUnavailableException(Service service, String detail, Throwable cause) {
        super(detail, cause);
        this.service = service;
    }

    public Service service() {
        return service;
    }
}

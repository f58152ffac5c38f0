package io.github.twitterstats.config;

import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.ServiceUnavailableException;

/**
 * The one place that turns a failure's kind into the message a person reads, naming what to set: used by the
 * command line and the Lambda runtime alike. Adapters say what happened; this adds which variables govern it.
 */
public final class FailureMessages {

    private FailureMessages() {
    }

    /** The failure's message, with what to check for its kind and service. */
    public static String describe(RuntimeException failure) {
        String detail = String.valueOf(failure.getMessage());
        if (failure instanceof CredentialsRejectedException rejected) {
            return detail + "; check " + credentialsOf(rejected.service());
        }
        if (failure instanceof ServiceUnavailableException unavailable) {
            return detail + "; a passing outage: the next run tries again" + endpointOf(unavailable.service());
        }
        // ConfigurationException's message names the variable already; anything else is told as it is.
        return detail;
    }

    /** The variables holding a service's credentials. */
    static String credentialsOf(Service service) {
        return switch (service) {
            case X -> Env.X_BEARER_TOKEN + ", or " + Env.X_CONSUMER_KEY + ", " + Env.X_CONSUMER_SECRET + ", "
                    + Env.X_ACCESS_TOKEN + " and " + Env.X_ACCESS_TOKEN_SECRET + " (or the secret named by "
                    + Env.X_CREDENTIALS_SECRET + ")";
            case DATADOG -> Env.DD_API_KEY + " (or api_key in the secret named by " + Env.DD_CREDENTIALS_SECRET
                    + "), and that " + Env.DD_SITE + " (or " + Env.DD_API_URL + ") is the site the key belongs to";
            case DATADOG_DASHBOARDS -> Env.DD_API_KEY + " and " + Env.DD_APP_KEY + " (or api_key/app_key in "
                    + Env.DD_CREDENTIALS_SECRET + "), that the application key may write dashboards, and "
                    + Env.DD_SITE;
            default -> "the AWS credentials of this role or profile and its permissions";
        };
    }

    private static String endpointOf(Service service) {
        return switch (service) {
            case X -> " (if it persists, check " + Env.X_API_URL + ")";
            case DATADOG, DATADOG_DASHBOARDS -> " (if it persists, check " + Env.DD_SITE + " or " + Env.DD_API_URL
                    + ")";
            case BLUESKY -> " (if it persists, check " + Env.BLUESKY_API_URL + ")";
            case MASTODON -> " (if it persists, check the accounts' servers, or " + Env.MASTODON_API_URL + ")";
            case SECRETS_MANAGER, SSM, S3, SQS -> " (if it persists, check the AWS region and "
                    + Env.AWS_ENDPOINT_URL + ")";
            default -> "";
        };
    }
}

package io.github.twitterstats.domain;

/** The outside services a run talks to. Adapters name the one that failed; the edge says what to set for it. */
public enum Service {
    X, DATADOG, DATADOG_DASHBOARDS, SECRETS_MANAGER, SSM, S3, SQS, BLUESKY, MASTODON
}

package io.github.twitterstats.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one metrics run, as the Lambda returns it and {@code --json} prints it.
 *
 * <p>The spool counts: {@code spooled} samples were waiting in the spool for a later run when this
 * one ended (this run's own if DataDog was down, and any older ones it could not re-send);
 * {@code resent} samples from earlier runs reached DataDog in this run; {@code expired} spooled
 * samples had grown too old for DataDog ({@link IntakeWindow}) and were dropped unsent; {@code refused}
 * samples DataDog would refuse for their content ({@link Refusal}) were dropped unsent.
 */
public record RunSummary(int accountsRequested, int accountsOk, int accountsFailed,
                         List<AccountFailure> failures, int xRequests, int blueskyRequests,
                         int mastodonRequests, int datadogRequests,
                         int seriesSent, int spooled, int resent, int expired, int refused, long durationMs) {

    public RunSummary {
        failures = List.copyOf(failures);
    }

    /** A summary of a run that had nothing to do with the spool (a preview, say). */
    public RunSummary(int accountsRequested, int accountsOk, int accountsFailed, List<AccountFailure> failures,
                      int xRequests, int blueskyRequests, int mastodonRequests, int datadogRequests, int seriesSent,
                      long durationMs) {
        this(accountsRequested, accountsOk, accountsFailed, failures, xRequests, blueskyRequests, mastodonRequests,
                datadogRequests, seriesSent,
                0, 0, 0, 0, durationMs);
    }

    public boolean allAccountsDone() {
        return accountsFailed == 0;
    }

    /** The contract's field names and order, ready for any JSON writer. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("accounts_requested", accountsRequested);
        map.put("accounts_ok", accountsOk);
        map.put("accounts_failed", accountsFailed);
        map.put("failures", failures.stream().map(AccountFailure::summaryEntry).toList());
        map.put("x_requests", xRequests);
        map.put("bluesky_requests", blueskyRequests);
        map.put("mastodon_requests", mastodonRequests);
        map.put("datadog_requests", datadogRequests);
        map.put("series_sent", seriesSent);
        map.put("spooled", spooled);
        map.put("resent", resent);
        map.put("expired", expired);
        map.put("refused", refused);
        map.put("duration_ms", durationMs);
        return map;
    }

}

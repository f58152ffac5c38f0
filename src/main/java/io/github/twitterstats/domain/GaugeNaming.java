package io.github.twitterstats.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Turns snapshots into the gauges users graph. The first four names are those of the original
 * Python tool, so dashboards built on it keep working.
 */
public record GaugeNaming(String prefix, List<String> extraTags) {

    public GaugeNaming {
        Objects.requireNonNull(prefix, "prefix");
        extraTags = List.copyOf(extraTags);
    }

    /**
     * An account's gauges, tagged {@code account:<tag value>} and {@code network:<x|bluesky|mastodon>}
     * (then the extra tags). Every network sends the three counts they share; X also its likes,
     * listed and media counts, under the names it always had.
     */
    public List<Gauge> gaugesOf(AccountSnapshot snapshot) {
        PublicMetrics m = snapshot.metrics();
        Instant at = snapshot.observedAt();
        List<String> tags = new ArrayList<>(extraTags.size() + 2);
        tags.add("account:" + snapshot.account().tagValue());
        tags.add("network:" + snapshot.network().tagValue());
        tags.addAll(extraTags);

        List<Gauge> gauges = new ArrayList<>(6);
        gauges.add(new Gauge(name("followers_count"), m.followers(), at, tags));
        gauges.add(new Gauge(name("friends_count"), m.following(), at, tags));
        gauges.add(new Gauge(name("status_count"), m.posts(), at, tags));
        if (snapshot.network() == Network.X) {
            addIfPresent(gauges, "favourites_count", m.likes(), at, tags);
            gauges.add(new Gauge(name("listed_count"), m.listed(), at, tags));
            addIfPresent(gauges, "media_count", m.media(), at, tags);
        }
        return gauges;
    }

    /**
     * Run-health gauges: not tagged by account, so one alert covers the whole run. The spool
     * gauges are always sent, zeros included, so a graph of them is continuous.
     */
    public List<Gauge> runHealth(RunHealth health, Instant at) {
        List<Gauge> gauges = new ArrayList<>(7);
        gauges.add(new Gauge(name("run.accounts_ok"), health.accountsOk(), at, extraTags));
        gauges.add(new Gauge(name("run.accounts_failed"), health.accountsFailed(), at, extraTags));
        gauges.add(new Gauge(name("run.spooled"), health.spooled(), at, extraTags));
        gauges.add(new Gauge(name("run.resent"), health.resent(), at, extraTags));
        gauges.add(new Gauge(name("run.expired"), health.expired(), at, extraTags));
        gauges.add(new Gauge(name("run.refused"), health.refused(), at, extraTags));
        addIfPresent(gauges, "run.x_rate_limit_remaining", health.xRateLimitRemaining(), at, extraTags);
        return gauges;
    }

    public String name(String suffix) {
        return prefix + "." + suffix;
    }

    private void addIfPresent(List<Gauge> gauges, String suffix, OptionalLong value, Instant at, List<String> tags) {
        if (value.isPresent()) {
            gauges.add(new Gauge(name(suffix), value.getAsLong(), at, tags));
        }
    }
}

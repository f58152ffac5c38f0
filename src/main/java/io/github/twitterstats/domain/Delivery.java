package io.github.twitterstats.domain;

/** What a metrics sink did with a run's gauges: how many requests and series it took. */
public record Delivery(int requests, int seriesSent) {

    public static final Delivery NOTHING = new Delivery(0, 0);

    public Delivery plus(Delivery other) {
        return new Delivery(requests + other.requests, seriesSent + other.seriesSent);
    }
}

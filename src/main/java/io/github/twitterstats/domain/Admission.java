package io.github.twitterstats.domain;

import java.util.List;

/** Which of some gauges DataDog would ingest now ({@code admitted}, in their order) and which it would not. */
public record Admission(List<Gauge> admitted, Dropped dropped) {

    public Admission {
        admitted = List.copyOf(admitted);
    }
}

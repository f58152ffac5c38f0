package io.github.twitterstats.domain;

/** Why DataDog would refuse a sample for its content, whenever it is sent: it is dropped and counted as refused. */
public enum Refusal {
    /** NaN or infinite: the series payload's JSON cannot carry it. */
    NOT_FINITE("value is not a finite number"),
    /** Stamped further ahead than DataDog's intake accepts (a clock gone wrong). */
    TOO_FAR_AHEAD("further ahead than DataDog accepts (10 minutes)");

    private final String description;

    Refusal(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

package io.github.twitterstats.adapter.out.x;

/**
 * Keeps twitter4j from logging. Its logger is global and picked once, from the class path: SLF4J
 * (1.x binding), commons-logging or log4j when present, else its own logger that prints to stdout.
 * In debug mode (a {@code twitter4j.debug} system property or a {@code twitter4j.properties} file)
 * it prints the OAuth 1.0a signature base string, which holds the consumer key and the access
 * token; with an SLF4J binding at DEBUG it does the same. A per-instance {@code setDebugEnabled(false)}
 * does not reach that global logger, so twitter4j is pointed at its own {@code NullLoggerFactory},
 * unless the operator named a logger factory explicitly. This program reports through its RunLog.
 */
final class Twitter4jLogging {

    static final String LOGGER_FACTORY_PROPERTY = "twitter4j.loggerFactory";

    private Twitter4jLogging() { }

    static synchronized void silence() {
        if (System.getProperty(LOGGER_FACTORY_PROPERTY) == null && System.getenv("twitter4j_loggerFactory") == null) {
            System.setProperty(LOGGER_FACTORY_PROPERTY, "twitter4j.NullLoggerFactory");
        }
    }
}

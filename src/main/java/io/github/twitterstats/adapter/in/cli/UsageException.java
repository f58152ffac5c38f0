package io.github.twitterstats.adapter.in.cli;

/** A command line the program cannot act on: exit code 2, with the message and a pointer to --help. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}

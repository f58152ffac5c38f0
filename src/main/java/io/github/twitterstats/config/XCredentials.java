package io.github.twitterstats.config;

import java.util.Objects;

/** How the program authenticates to X. {@code toString} never shows a secret value. */
public sealed interface XCredentials {

    /** App-only auth with a bearer token from the developer portal. */
    record BearerToken(String token) implements XCredentials {
        public BearerToken {
            requireText(token, "bearer token");
        }

        @Override
        public String toString() {
            return "BearerToken[****]";
        }
    }

    /** OAuth 1.0a user context: the app's consumer key pair and a user's access token pair. */
    record UserContext(String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret)
            implements XCredentials {
        public UserContext {
            requireText(consumerKey, "consumer key");
            requireText(consumerSecret, "consumer secret");
            requireText(accessToken, "access token");
            requireText(accessTokenSecret, "access token secret");
        }

        @Override
        public String toString() {
            return "UserContext[****]";
        }
    }

    private static void requireText(String value, String what) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
    }
}

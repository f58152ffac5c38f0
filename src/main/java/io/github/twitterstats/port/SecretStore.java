package io.github.twitterstats.port;

import java.util.Map;

/** Where credentials are kept (Secrets Manager): a secret is a JSON object of string fields. */
public interface SecretStore {

    /** The secret's fields; throws {@link io.github.twitterstats.domain.ConfigurationException} if it cannot be read. */
    Map<String, String> read(String secretId);
}

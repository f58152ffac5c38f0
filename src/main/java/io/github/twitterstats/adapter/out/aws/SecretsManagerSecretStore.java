package io.github.twitterstats.adapter.out.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.port.SecretStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/** Reads JSON credential secrets from AWS Secrets Manager. Secret values never reach a message. */
public final class SecretsManagerSecretStore implements SecretStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretsManagerClient client;

    public SecretsManagerSecretStore(SecretsManagerClient client) {
        this.client = client;
    }


    @Override
    public Map<String, String> read(String secretId) {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(b -> b.secretId(secretId));
        } catch (SdkException e) {
            if (AwsClients.isOutage(e)) {
                throw AwsClients.unavailable(Service.SECRETS_MANAGER, "Secrets Manager, reading the secret '"
                        + secretId + "',", e);
            }
            throw new ConfigurationException("cannot read the Secrets Manager secret '" + secretId + "': "
                    + AwsClients.errorCode(e) + " (check the secret's name or ARN and that this role may"
                    + " call secretsmanager:GetSecretValue on it)");
        }
        if (response.secretString() == null) {
            throw new ConfigurationException("the secret '" + secretId + "' has no SecretString; store it as a JSON"
                    + " object of text fields");
        }
        return fields(secretId, response.secretString());
    }

    private static Map<String, String> fields(String secretId, String secretString) {
        JsonNode root;
        try {
            root = JSON.readTree(secretString);
        } catch (IOException e) {
            // The parser's message may quote the secret's text: leave it out.
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException("the secret '" + secretId + "' must be a JSON object such as"
                    + " {\"api_key\": \"...\"}");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                fields.put(e.getKey(), e.getValue().asText());
            }
        });
        return fields;
    }
}

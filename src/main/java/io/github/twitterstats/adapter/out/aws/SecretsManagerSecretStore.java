package io.github.twitterstats.adapter.out.aws;

import io.github.twitterstats.adapter.out.format.JsonTrees;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.port.SecretStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads JSON credential secrets from AWS Secrets Manager (one GetSecretValue call). Secret values never reach a message. */
public final class SecretsManagerSecretStore implements SecretStore {

    private final AwsJsonApi secretsManager;

    public SecretsManagerSecretStore(AwsJsonApi secretsManager) {
        this.secretsManager = secretsManager;
    }

    @Override
    public Map<String, String> read(String secretId) {
        AwsJsonApi.Outcome outcome = secretsManager.call("GetSecretValue",
                AwsJsonApi.requestBody(Map.of("SecretId", secretId)));
        if (outcome instanceof AwsJsonApi.Refused refused) {
            throw new ConfigurationException("cannot read the Secrets Manager secret '" + secretId + "': "
                    + refused.errorCode() + " (check the secret's name or ARN and that this role may"
                    + " call secretsmanager:GetSecretValue on it)");
        }
        if (outcome instanceof AwsJsonApi.Unavailable outage) {
            throw AwsClients.unavailable(Service.SECRETS_MANAGER, "Secrets Manager, reading the secret '"
                    + secretId + "',", outage);
        }
        Optional<String> secretString = AwsJsonApi.text(((AwsJsonApi.Answered) outcome).body(), List.of("SecretString"));
        if (secretString.isEmpty()) {
            throw new ConfigurationException("the secret '" + secretId + "' has no SecretString; store it as a JSON"
                    + " object of text fields");
        }
        return fields(secretId, secretString.get());
    }

    /** The object's members whose values are text, numbers or booleans (as text); nulls, objects and arrays are left out. */
    private static Map<String, String> fields(String secretId, String secretString) {
        Map<String, Object> object = null;
        try {
            object = JsonTrees.object(JsonTrees.read(secretString));
        } catch (IOException e) {
            // The parser's message may quote the secret's text: leave it out.
        }
        if (object == null) {
            throw new ConfigurationException("the secret '" + secretId + "' must be a JSON object such as"
                    + " {\"api_key\": \"...\"}");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : object.keySet()) {
            String text = JsonTrees.text(object, name);
            if (text != null) {
                fields.put(name, text);
            }
        }
        return fields;
    }
}

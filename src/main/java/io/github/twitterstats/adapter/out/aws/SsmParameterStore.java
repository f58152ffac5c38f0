package io.github.twitterstats.adapter.out.aws;

import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.port.ParameterStore;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** Reads the account list from an SSM parameter (String or StringList). */
public final class SsmParameterStore implements ParameterStore {

    private final SsmClient client;

    public SsmParameterStore(SsmClient client) {
        this.client = client;
    }

    public static SsmParameterStore create(Optional<URI> endpoint) {
        return new SsmParameterStore(AwsClients.configure(SsmClient.builder(), endpoint)
                .httpClient(AwsClients.httpClient()).build());
    }

    @Override
    public String read(String name) {
        try {
            // WithDecryption lets a SecureString work too, should a user choose one.
            return client.getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
        } catch (SsmException e) {
            throw new ConfigurationException("cannot read the SSM parameter '" + name + "' (ACCOUNTS_PARAMETER): "
                    + e.awsErrorDetails().errorCode() + " (check its name and that this role may call"
                    + " ssm:GetParameter on it)");
        } catch (SdkException e) {
            throw new ConfigurationException("cannot reach SSM to read the parameter '" + name + "': "
                    + e.getClass().getSimpleName());
        }
    }
}

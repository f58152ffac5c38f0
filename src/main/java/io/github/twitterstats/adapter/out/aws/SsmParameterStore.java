package io.github.twitterstats.adapter.out.aws;

import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.port.ParameterStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Reads the account list from an SSM parameter (String or StringList). */
public final class SsmParameterStore implements ParameterStore {

    private final SsmClient client;

    public SsmParameterStore(SsmClient client) {
        this.client = client;
    }


    @Override
    public String read(String name) {
        try {
            // WithDecryption lets a SecureString work too, should a user choose one.
            return client.getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
        } catch (SdkException e) {
            if (AwsClients.isOutage(e)) {
                throw AwsClients.unavailable(Service.SSM, "SSM, reading the parameter '" + name + "',", e);
            }
            throw new ConfigurationException("cannot read the SSM parameter '" + name + "' (ACCOUNTS_PARAMETER): "
                    + AwsClients.errorCode(e) + " (check its name and that this role may call"
                    + " ssm:GetParameter on it)");
        }
    }
}

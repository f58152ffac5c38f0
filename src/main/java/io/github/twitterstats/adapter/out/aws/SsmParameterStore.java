package io.github.twitterstats.adapter.out.aws;

import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.port.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the account list from an SSM parameter (String or StringList): one GetParameter call. */
public final class SsmParameterStore implements ParameterStore {

    private final AwsJsonApi ssm;

    public SsmParameterStore(AwsJsonApi ssm) {
        this.ssm = ssm;
    }

    @Override
    public String read(String name) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("Name", name);
        // WithDecryption lets a SecureString work too, should a user choose one.
        request.put("WithDecryption", true);
        AwsJsonApi.Outcome outcome = ssm.call("GetParameter", AwsJsonApi.requestBody(request));
        String what = "SSM, reading the parameter '" + name + "',";
        if (outcome instanceof AwsJsonApi.Answered answered) {
            return AwsJsonApi.text(answered.body(), List.of("Parameter", "Value")).orElseThrow(() ->
                    AwsClients.unavailable(Service.SSM, what, new AwsJsonApi.Unavailable("an answer without Parameter.Value")));
        }
        if (outcome instanceof AwsJsonApi.Refused refused) {
            throw new ConfigurationException("cannot read the SSM parameter '" + name + "' (ACCOUNTS_PARAMETER): "
                    + refused.errorCode() + " (check its name and that this role may call ssm:GetParameter on it)");
        }
        throw AwsClients.unavailable(Service.SSM, what, (AwsJsonApi.Unavailable) outcome);
    }
}

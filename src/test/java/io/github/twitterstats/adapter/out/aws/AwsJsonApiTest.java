package io.github.twitterstats.adapter.out.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.adapter.out.http.PlainHttp;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The parts of the JSON 1.1 call the loopback peer cannot show: real endpoints, and error types in every form. */
class AwsJsonApiTest {

    @Test
    void theEndpointIsTheServicesHostInTheRegionsPartition() {
        assertThat(AwsJsonApi.endpoint(AwsJsonApi.Service.SSM, "eu-west-1"))
                .isEqualTo(URI.create("https://ssm.eu-west-1.amazonaws.com/"));
        assertThat(AwsJsonApi.endpoint(AwsJsonApi.Service.SECRETS_MANAGER, "cn-north-1"))
                .isEqualTo(URI.create("https://secretsmanager.cn-north-1.amazonaws.com.cn/"));
        assertThat(AwsJsonApi.endpoint(AwsJsonApi.Service.SSM, "us-gov-west-1"))
                .isEqualTo(URI.create("https://ssm.us-gov-west-1.amazonaws.com/"));
        assertThat(AwsJsonApi.endpoint(AwsJsonApi.Service.SSM, "us-iso-east-1"))
                .isEqualTo(URI.create("https://ssm.us-iso-east-1.c2s.ic.gov/"));
        assertThat(AwsJsonApi.endpoint(AwsJsonApi.Service.SSM, "cn-newplace-9"))
                .as("a region newer than the SDK, by its partition's pattern")
                .isEqualTo(URI.create("https://ssm.cn-newplace-9.amazonaws.com.cn/"));
    }

    @Test
    void theErrorTypeComesFromTheHeaderElseTheBodyWithoutNamespaceOrSuffix() {
        assertThat(AwsJsonApi.errorCode(answer(400, "{}", Map.of("X-Amzn-ErrorType",
                "ParameterNotFound:http://internal.amazon.com/coral/com.amazonaws.ssm/")))).isEqualTo("ParameterNotFound");
        assertThat(AwsJsonApi.errorCode(answer(400,
                "{\"__type\":\"com.amazonaws.secretsmanager#ResourceNotFoundException\",\"message\":\"x\"}", Map.of())))
                .isEqualTo("ResourceNotFoundException");
        assertThat(AwsJsonApi.errorCode(answer(400, "{\"code\":\"AccessDeniedException\"}", Map.of())))
                .isEqualTo("AccessDeniedException");
        assertThat(AwsJsonApi.errorCode(answer(502, "<html>bad gateway</html>", Map.of()))).isEqualTo("HTTP 502");
    }

    @Test
    void throttlingServerErrorsAndNoAnswerAreOutagesTheRestAreRefusals() {
        assertThat(AwsJsonApi.outcome(answer(400, "{\"__type\":\"ThrottlingException\"}", Map.of())))
                .isInstanceOf(AwsJsonApi.Unavailable.class);
        assertThat(AwsJsonApi.outcome(answer(429, "{}", Map.of()))).isInstanceOf(AwsJsonApi.Unavailable.class);
        assertThat(AwsJsonApi.outcome(answer(503, "", Map.of())))
                .isEqualTo(new AwsJsonApi.Unavailable("HTTP 503"));
        assertThat(AwsJsonApi.outcome(new PlainHttp.NoAnswer(new java.net.ConnectException("refused"))))
                .isEqualTo(new AwsJsonApi.Unavailable("ConnectException"));
        assertThat(AwsJsonApi.outcome(answer(400, "{\"__type\":\"AccessDeniedException\"}", Map.of())))
                .isEqualTo(new AwsJsonApi.Refused("AccessDeniedException", 400));
    }

    @Test
    void textIsFoundByItsPathAndOnlyWhenItIsText() {
        String answer = "{\"Other\":{\"Value\":\"no\"},\"Parameter\":{\"Name\":\"n\",\"List\":[1,{\"Value\":\"no\"}],"
                + "\"Value\":\"nasa,esa\"}}";
        assertThat(AwsJsonApi.text(answer, List.of("Parameter", "Value"))).contains("nasa,esa");
        assertThat(AwsJsonApi.text("{\"Parameter\":{\"Value\":null}}", List.of("Parameter", "Value"))).isEmpty();
        assertThat(AwsJsonApi.text("{\"Parameter\":{}}", List.of("Parameter", "Value"))).isEmpty();
        assertThat(AwsJsonApi.text("not json", List.of("SecretString"))).isEqualTo(Optional.empty());
    }

    private static PlainHttp.Answered answer(int status, String body, Map<String, String> headers) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new PlainHttp.Answered(status, body, multi);
    }
}

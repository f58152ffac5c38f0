package io.github.twitterstats.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Lambda's side of an invocation for tests: event JSON turned into aws-lambda-java-events objects
 * by the same serializers the Java runtime uses, and a context with a real countdown.
 */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    /** Reads {@code /events/<name>} from the test resources as the runtime would deliver it. */
    public static <T> T read(String name, Class<T> type) {
        try (InputStream in = LambdaEvents.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test event " + name);
            }
            return LambdaEventSerializers.serializerFor(type, LambdaEvents.class.getClassLoader()).fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Context context(String functionName, Duration timeout) {
        return new CountdownContext(functionName, Instant.now().plus(timeout));
    }

    private record CountdownContext(String functionName, Instant end) implements Context {
        @Override public String getAwsRequestId() { return "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"; }
        @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
        @Override public String getLogStreamName() { return "2026/11/22/[$LATEST]abcdef"; }
        @Override public String getFunctionName() { return functionName; }
        @Override public String getFunctionVersion() { return "1"; }
        @Override public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName + ":live";
        }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() {
            return (int) Math.max(0, Duration.between(Instant.now(), end).toMillis());
        }
        @Override public int getMemoryLimitInMB() { return 512; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.print(message); }
                @Override public void log(byte[] message) { System.out.print(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}

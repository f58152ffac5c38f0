package io.github.twitterstats.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every HTTP attempt (retries included) each AWS SDK client sends, by service. Registered
 * for the test classpath through the SDK's global interceptor file, so the bench counts requests
 * without any hook in production code.
 */
public final class CountingInterceptor implements ExecutionInterceptor {

    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    public static int count(String service) {
        return COUNTS.getOrDefault(service, new AtomicInteger()).get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        COUNTS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME), s -> new AtomicInteger())
                .incrementAndGet();
    }
}

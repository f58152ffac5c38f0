import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.twitterstats.adapter.in.lambda.HandlerRuntime;
import io.github.twitterstats.adapter.in.lambda.MetricsHandler;
import java.time.Clock;
import java.util.Map;

/**
 * What Lambda's Java runtime does, stripped to the part that costs our code time: load the handler
 * class, construct it (configuration from the environment, as the public no-arg constructor does),
 * then call handleRequest with a Scheduled Event, INVOCATIONS times in the same JVM.
 *
 * With "--snapstart" as second argument, the handler's SnapStart resource (its HandlerRuntime) runs
 * its hooks first (priming at the checkpoint, then the restore hook), so invocation 1 is what a
 * restored snapshot runs.
 *
 * Prints one line per invocation on stderr: "invocation <i> <ms>", and the last summary on stdout.
 * Compiled by bench/run against target/twitter-stats.jar only: nothing from the tests is on the
 * class path of the measured JVM.
 */
public final class LambdaLauncher {

    public static void main(String[] args) throws Exception {
        int invocations = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        // the runtime the no-arg constructor builds, minus the CRaC registration, whose global context
        // refuses to be driven outside a CRaC JVM: the hooks are called directly instead
        HandlerRuntime runtime = new HandlerRuntime(System.getenv(), System.out, Clock.systemUTC());
        MetricsHandler handler = new MetricsHandler(runtime);
        if (args.length > 1 && args[1].equals("--snapstart")) {
            // what SnapStart does around its snapshot: beforeCheckpoint at publish, afterRestore on start
            long started = System.nanoTime();
            runtime.beforeCheckpoint(null);
            runtime.afterRestore(null);
            System.err.println("checkpoint " + (System.nanoTime() - started) / 1_000_000.0);
        }
        Map<String, Object> summary = null;
        for (int i = 1; i <= invocations; i++) {
            ScheduledEvent event = new ScheduledEvent();
            event.setId("bench-" + i);
            event.setSource("aws.events");
            event.setDetailType("Scheduled Event");
            long started = System.nanoTime();
            summary = handler.handleRequest(event, new BenchContext(60_000));
            long micros = (System.nanoTime() - started) / 1_000;
            System.err.println("invocation " + i + " " + micros / 1000.0);
        }
        System.out.println(summary);
    }

    private static final class BenchContext implements Context {
        private final long end;

        BenchContext(long timeoutMillis) {
            this.end = System.currentTimeMillis() + timeoutMillis;
        }

        @Override public String getAwsRequestId() { return "bench"; }
        @Override public String getLogGroupName() { return "/aws/lambda/bench"; }
        @Override public String getLogStreamName() { return "bench"; }
        @Override public String getFunctionName() { return "bench"; }
        @Override public String getFunctionVersion() { return "1"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:bench"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, end - System.currentTimeMillis()); }
        @Override public int getMemoryLimitInMB() { return 512; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.print(message); }
                @Override public void log(byte[] message) { System.err.write(message, 0, message.length); }
            };
        }
    }
}

package io.github.twitterstats.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.twitterstats.application.BackupBatch;
import java.util.List;

/**
 * The backup worker: SQS delivers up to 10 jobs; {@link BackupBatch} backs each up on its own, and only the jobs
 * worth another attempt are reported in {@code batchItemFailures} (the event source mapping has
 * ReportBatchItemFailures), so SQS redelivers those alone. After the queue's maxReceiveCount a job moves to the
 * dead-letter queue. Rejected X credentials fail the whole invocation: the function's error metric is what an
 * operator watches.
 */
public final class BackupWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final HandlerRuntime runtime;

    public BackupWorkerHandler() {
        this(HandlerRuntime.ofLambda());
    }

    public BackupWorkerHandler(HandlerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        return runtime.handle("backup batch failed", messages.isEmpty() ? null : messages.get(0).getMessageId(),
                context, (app, deadline) -> {
                    List<String> again = app.backupBatch().run(messages.stream()
                            .map(m -> app.backupMessage(m.getMessageId(), m.getBody())).toList(), deadline);
                    return SQSBatchResponse.builder().withBatchItemFailures(again.stream()
                            .map(id -> BatchItemFailure.builder().withItemIdentifier(id).build()).toList()).build();
                });
    }
}

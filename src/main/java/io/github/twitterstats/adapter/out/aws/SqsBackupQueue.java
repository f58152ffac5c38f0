package io.github.twitterstats.adapter.out.aws;

import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.port.BackupQueue;
import io.github.twitterstats.support.Backoff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The backup queue in SQS: SendMessageBatch with up to 10 messages a call (SQS's limit). A batch
 * call can succeed while some entries fail; those entries are sent again with backoff, and only
 * entries that keep failing fail the run, so a transient hiccup never drops an account silently.
 */
public final class SqsBackupQueue implements BackupQueue {

    static final int BATCH = 10;

    private final SqsClient client;
    private final String queueUrl;
    private final Backoff backoff;

    public SqsBackupQueue(SqsClient client, String queueUrl, Backoff backoff) {
        this.client = Objects.requireNonNull(client);
        this.queueUrl = Objects.requireNonNull(queueUrl);
        this.backoff = Objects.requireNonNull(backoff);
    }


    @Override
    public int enqueue(List<BackupJob> jobs) {
        int requests = 0;
        for (int from = 0; from < jobs.size(); from += BATCH) {
            requests += sendBatch(jobs.subList(from, Math.min(from + BATCH, jobs.size())));
        }
        return requests;
    }

    private int sendBatch(List<BackupJob> batch) {
        // entry ids are positions in the batch: unique within a call, as SQS requires
        List<SendMessageBatchRequestEntry> pending = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            pending.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i))
                    .messageBody(BackupJobMessage.write(batch.get(i))).build());
        }
        int requests = 0;
        for (int attempt = 1; ; attempt++) {
            List<BatchResultErrorEntry> failed;
            try {
                requests++;
                List<SendMessageBatchRequestEntry> sending = pending;
                SendMessageBatchResponse response = client.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(sending));
                failed = response.failed();
            } catch (SqsException e) {
                if (e.statusCode() == 403 || (e.statusCode() == 400 && !e.isThrottlingException())) {
                    throw new RunFailedException("SQS refused the backup queue " + queueUrl + ": " + errorCode(e)
                            + " (check BACKUP_QUEUE_URL and that this role may call sqs:SendMessage on it)", e);
                }
                failed = null;
            } catch (SdkException e) {
                failed = null;
            }
            if (failed != null && failed.isEmpty()) {
                return requests;
            }
            if (failed != null) {
                Map<String, BatchResultErrorEntry> byId = failed.stream()
                        .collect(Collectors.toMap(BatchResultErrorEntry::id, f -> f));
                pending = pending.stream().filter(entry -> byId.containsKey(entry.id())).toList();
            }
            if (!backoff.allowsRetryAfter(attempt)) {
                throw new RunFailedException(pending.size() + " backup job(s) could not be queued on " + queueUrl
                        + " after " + attempt + " attempts" + (failed == null ? "" : "; SQS said: "
                        + failed.get(0).code()));
            }
            Backoff.sleep(backoff.delayAfter(attempt));
        }
    }

    private static String errorCode(SqsException e) {
        return e.awsErrorDetails() == null ? String.valueOf(e.statusCode()) : e.awsErrorDetails().errorCode();
    }
}

package io.github.twitterstats.adapter.out.aws;

import io.github.twitterstats.adapter.out.format.JsonTrees;
import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.port.BackupQueue;
import io.github.twitterstats.support.Backoff;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The backup queue in SQS: SendMessageBatch with up to 10 messages a call (SQS's limit). A batch
 * call can succeed while some entries fail; those entries are sent again with backoff, and only
 * entries that keep failing fail the run, so a transient hiccup never drops an account silently.
 */
public final class SqsBackupQueue implements BackupQueue {

    static final int BATCH = 10;

    private final AwsJsonApi sqs;
    private final String queueUrl;
    private final Backoff backoff;

    public SqsBackupQueue(AwsJsonApi sqs, String queueUrl, Backoff backoff) {
        this.sqs = Objects.requireNonNull(sqs);
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

    /** One entry of a batch that SQS did not take: its id in the batch and SQS's code. */
    record FailedEntry(String id, String code) {
    }

    private int sendBatch(List<BackupJob> batch) {
        // entry ids are positions in the batch: unique within a call, as SQS requires
        Map<String, String> pending = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            pending.put(String.valueOf(i), BackupJobMessage.write(batch.get(i)));
        }
        int requests = 0;
        for (int attempt = 1; ; attempt++) {
            requests++;
            AwsJsonApi.Outcome outcome = sqs.call("SendMessageBatch", AwsJsonApi.requestBody(request(pending)));
            if (outcome instanceof AwsJsonApi.Refused refused) {
                throw new RunFailedException("SQS refused the backup queue " + queueUrl + ": " + refused.errorCode()
                        + " (check BACKUP_QUEUE_URL and that this role may call sqs:SendMessage on it)");
            }
            // an outage that outlasted the call's own retries, or an answer that could not be read: all again
            Optional<List<FailedEntry>> failed = outcome instanceof AwsJsonApi.Answered answered
                    ? failedEntries(answered.body()) : Optional.empty();
            if (failed.isPresent() && failed.get().isEmpty()) {
                return requests;
            }
            failed.ifPresent(entries -> pending.keySet().retainAll(entries.stream().map(FailedEntry::id).toList()));
            if (!backoff.allowsRetryAfter(attempt)) {
                throw new RunFailedException(pending.size() + " backup job(s) could not be queued on " + queueUrl
                        + " after " + attempt + " attempts" + failed.filter(entries -> !entries.isEmpty())
                        .map(entries -> "; SQS said: " + entries.get(0).code()).orElse(""));
            }
            Backoff.sleep(backoff.delayAfter(attempt));
        }
    }

    private Map<String, Object> request(Map<String, String> pending) {
        List<Map<String, String>> entries = new ArrayList<>(pending.size());
        pending.forEach((id, body) -> entries.add(Map.of("Id", id, "MessageBody", body)));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("QueueUrl", queueUrl);
        request.put("Entries", entries);
        return request;
    }

    /** The answer's {@code Failed} entries (none when it has no such member); empty when it is not readable. */
    static Optional<List<FailedEntry>> failedEntries(String answer) {
        Map<String, Object> root;
        try {
            root = JsonTrees.object(JsonTrees.read(answer));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null) {
            return Optional.empty();
        }
        List<FailedEntry> failed = new ArrayList<>();
        if (root.get("Failed") instanceof List<?> entries) {
            for (Object entry : entries) {
                failed.add(new FailedEntry(JsonTrees.text(entry, "Id"), JsonTrees.text(entry, "Code")));
            }
        }
        return Optional.of(failed);
    }
}

package io.github.twitterstats.testing;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Does what Lambda's SQS event source mapping does with ReportBatchItemFailures: receive up to 10
 * messages, hand them to the function as the SQS event JSON Lambda sends (deserialized the way the
 * Java runtime does it), delete the messages the function did not report as failed, and leave the
 * failed ones to reappear after their visibility timeout.
 */
public final class LambdaSqsPoller {

    private LambdaSqsPoller() {
    }

    /** One poll; returns the ids the function reported as failed, or null if the queue was empty. */
    public static Set<String> pollOnce(LoopbackSqs sqs, String queueUrl, Function<SQSEvent, SQSBatchResponse> function) {
        List<Message> messages = sqs.receive(queueUrl, 0);
        if (messages.isEmpty()) {
            return null;
        }
        SQSBatchResponse response = function.apply(event(queueUrl, messages));
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                sqs.client().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return failed;
    }

    /** The event JSON as Lambda delivers it (docs: "Using Lambda with Amazon SQS", example event). */
    public static SQSEvent event(String queueUrl, List<Message> messages) {
        String arn = "arn:aws:sqs:us-east-1:000000000000:" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        String records = messages.stream().map(m -> """
                {"messageId":"%s","receiptHandle":"%s","body":%s,
                 "attributes":{"ApproximateReceiveCount":"%s","SentTimestamp":"%s","SenderId":"AIDAEXAMPLE",
                               "ApproximateFirstReceiveTimestamp":"%s"},
                 "messageAttributes":{},"md5OfBody":"%s","eventSource":"aws:sqs","eventSourceARN":"%s",
                 "awsRegion":"us-east-1"}""".formatted(m.messageId(), m.receiptHandle(), quote(m.body()),
                m.attributesAsStrings().getOrDefault("ApproximateReceiveCount", "1"),
                m.attributesAsStrings().getOrDefault("SentTimestamp", "0"),
                m.attributesAsStrings().getOrDefault("ApproximateFirstReceiveTimestamp", "0"), m.md5OfBody(), arn))
                .collect(Collectors.joining(","));
        return deserialize("{\"Records\":[" + records + "]}");
    }

    public static SQSEvent deserialize(String json) {
        return LambdaEventSerializers.serializerFor(SQSEvent.class, LambdaSqsPoller.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

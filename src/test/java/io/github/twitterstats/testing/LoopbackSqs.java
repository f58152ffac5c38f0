package io.github.twitterstats.testing;

import io.github.twitterstats.adapter.out.aws.AwsClients;
import io.github.twitterstats.adapter.out.aws.AwsJsonApi;
import io.github.twitterstats.config.Config;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A real SQS protocol peer on loopback: ElasticMQ embedded in the test JVM, speaking the AWS JSON
 * protocol the SDK uses, with visibility timeouts and redrive policies that behave like SQS's.
 */
public final class LoopbackSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    public LoopbackSqs() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        endpoint = URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
        client = SqsClient.builder().endpointOverride(endpoint)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The tests' own client, to make queues and receive messages. */
    public SqsClient client() {
        return client;
    }

    /** The project's way to SQS (what the backup scheduler sends with), pointed here. */
    public AwsJsonApi api() {
        return new AwsClients(new Config.AwsEndpoints(Optional.empty(), Optional.empty(), Optional.of(endpoint))).sqs();
    }

    public String createQueue(String name, int visibilityTimeoutSeconds) {
        return client.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilityTimeoutSeconds)))).queueUrl();
    }

    /** A queue whose messages move to {@code deadLetterQueueUrl} after {@code maxReceiveCount} receives. */
    public String createQueueWithDeadLetters(String name, int visibilityTimeoutSeconds, String deadLetterQueueUrl,
                                             int maxReceiveCount) {
        String dlqArn = client.getQueueAttributes(b -> b.queueUrl(deadLetterQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
        return client.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilityTimeoutSeconds),
                QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
    }

    /** Receives up to 10 messages with the attributes Lambda's poller asks for. */
    public List<Message> receive(String queueUrl, int waitSeconds) {
        return client.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    public int approximateCount(String queueUrl) {
        return Integer.parseInt(client.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}

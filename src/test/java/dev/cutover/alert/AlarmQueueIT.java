package dev.cutover.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.aws.AwsClients;
import dev.cutover.aws.AwsTestClients;
import dev.cutover.aws.SqsAlarmInbox;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.core.audit.LogCapture;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.redis.RedisStateStore;
import dev.cutover.redis.TestRedis;
import dev.cutover.testing.PrivateRedis;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The alarm queue end to end: the real SQS client (AWS JSON 1.0, {@code X-Amz-Target:
 * AmazonSQS.<Op>}) against WireMock, both envelopes, the incident message, deletion only after
 * handling, two replicas over the real Redis, and a malformed message left for the dead-letter queue.
 */
class AlarmQueueIT {
    static final String SQS = "AmazonSQS.";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    final String prefix = TestRedis.newPrefix();
    final List<AutoCloseable> closing = new ArrayList<>();
    AwsClients clients;
    String queueUrl;
    CutoverConfig config;

    @BeforeEach
    void setUp() {
        clients = AwsTestClients.at(wm.getPort(), 1);
        queueUrl = "http://127.0.0.1:" + wm.getPort() + "/000000000000/alarms";
        config = config(queueUrl, false);
        wm.stubFor(post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(SQS + "DeleteMessage"))
                .willReturn(json("{}")));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        clients.close();
        TestRedis.deleteAll(prefix);
    }

    static CutoverConfig config(String queueUrl, boolean rollbackOnAlarm) {
        String yaml =
                """
                alerts:
                  channel: C0ALERTS
                pairs:
                  - name: shop
                    zoneId: Z0EXAMPLE
                    blue: blue.example.com
                    green: green.example.com
                    approvers: [U0BOB0001]
                    guardAlarms: [shop-5xx]
                    rollbackOnAlarm: %s
                alarms:
                  queue: %s
                  routes:
                    - alarm: shop-*
                      pair: shop
                    - alarm: orders-latency
                      channel: C0ORDERS
                """
                        .formatted(rollbackOnAlarm, queueUrl);
        return new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get)).parse("cutover.yml", yaml);
    }

    /** One replica's monitor over the shared Redis. */
    AlarmMonitor replica(RecordingNotifier notifier, CutoverThreads watches) {
        return new AlarmMonitor(
                config,
                new RedisStateStore<>(TestRedis.client(), prefix + "alarm:", AlarmState.class, Duration.ofHours(1)),
                new RedisStateStore<>(
                        TestRedis.client(), prefix + "alarm-index:", AlarmMonitor.OpenIndex.class, Duration.ofHours(1)),
                notifier,
                watches);
    }

    AlarmConsumer consumer(AlarmMonitor monitor) {
        AlarmConsumer c = new AlarmConsumer(new SqsAlarmInbox(clients::sqs), queueUrl, monitor, Duration.ofMillis(50));
        closing.add(c);
        c.start();
        return c;
    }

    /** Receives the queue answered with messages so far. */
    static long deliveries() {
        return wm.getAllServeEvents().stream()
                .filter(e ->
                        String.valueOf(e.getRequest().getHeader("X-Amz-Target")).endsWith("ReceiveMessage"))
                .filter(e -> e.getResponse().getBodyAsString().contains("\"ReceiptHandle\""))
                .count();
    }

    /** The queue returns {@code batch} to the first receive, then nothing (each empty receive takes 100 ms). */
    void queueHolds(String... batch) {
        queueDelivers(1, batch);
    }

    /** The queue returns {@code batch} to each of the first {@code times} receives, then nothing. */
    void queueDelivers(int times, String... batch) {
        for (int i = 0; i < times; i++) {
            wm.stubFor(post(urlPathEqualTo("/"))
                    .inScenario("queue")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "delivered-" + i)
                    .withHeader("X-Amz-Target", equalTo(SQS + "ReceiveMessage"))
                    .withRequestBody(matchingJsonPath("$.QueueUrl", equalTo(queueUrl)))
                    .withRequestBody(matchingJsonPath("$.WaitTimeSeconds", equalTo("20")))
                    .withRequestBody(matchingJsonPath("$.MaxNumberOfMessages", equalTo("10")))
                    .willReturn(json(messages(batch)))
                    .willSetStateTo(i == times - 1 ? "drained" : "delivered-" + (i + 1)));
        }
        wm.stubFor(post(urlPathEqualTo("/"))
                .inScenario("queue")
                .whenScenarioStateIs("drained")
                .withHeader("X-Amz-Target", equalTo(SQS + "ReceiveMessage"))
                .willReturn(json("{\"Messages\":[]}").withFixedDelay(100)));
    }

    /** Bodies as SQS returns them: ids m1.., receipts r1.., with the MD5 the client checks. */
    static String messages(String... bodies) {
        var list = JSON.createArrayNode();
        for (int i = 0; i < bodies.length; i++) {
            ObjectNode m = list.addObject();
            m.put("MessageId", "m" + (i + 1));
            m.put("ReceiptHandle", "r" + (i + 1));
            m.put("Body", bodies[i]);
            m.put("MD5OfBody", md5(bodies[i]));
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("Messages", list);
        return root.toString();
    }

    static String md5(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody(body);
    }

    /** A fixture of {@code src/test/resources/alarms}, as a tree to change. */
    static ObjectNode fixture(String name) {
        try (var in = AlarmQueueIT.class.getResourceAsStream("/alarms/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** An EventBridge "CloudWatch Alarm State Change" event (the fixture, with these values). */
    static String eventBridge(String alarm, String state, String time, String reason) {
        ObjectNode e = fixture("eventbridge-state-change.json");
        e.putArray("resources").add("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + alarm);
        ObjectNode d = (ObjectNode) e.path("detail");
        d.put("alarmName", alarm);
        ObjectNode st = (ObjectNode) d.path("state");
        st.put("value", state);
        st.put("reason", reason);
        st.put("timestamp", time);
        return e.toString();
    }

    /** An SNS notification wrapping CloudWatch's alarm JSON (the fixture, with these values). */
    static String sns(String alarm, String state, String time, String reason) {
        ObjectNode n = fixture("sns-notification.json");
        try {
            ObjectNode a = (ObjectNode) JSON.readTree(n.path("Message").asText());
            a.put("AlarmName", alarm);
            a.put("AlarmArn", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + alarm);
            a.put("NewStateValue", state);
            a.put("NewStateReason", reason);
            a.put("StateChangeTime", time);
            n.put("Message", a.toString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return n.toString();
    }

    List<String> deleted() {
        return wm
                .findAll(postRequestedFor(urlPathEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(SQS + "DeleteMessage")))
                .stream()
                .map(r -> {
                    try {
                        return JSON.readTree(r.getBodyAsString())
                                .path("ReceiptHandle")
                                .asText();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }

    @Test
    void bothEnvelopesPostOneIncidentUpdatedInPlaceAndAreDeletedOnceHandled() {
        queueHolds(
                eventBridge(
                        "orders-latency", "ALARM", "2026-12-05T21:00:00.000+0000", "Threshold Crossed: <@here> 7 > 5"),
                sns("orders-latency", "OK", "2026-12-05T21:07:00.000+0000", "Threshold Crossed: back to 0.2"));
        RecordingNotifier notifier = new RecordingNotifier();
        AlarmConsumer c = consumer(replica(notifier, CutoverThreads.NONE));

        await().atMost(Duration.ofSeconds(10)).until(() -> deleted().size() == 2 && c.handled() == 2);
        assertThat(deleted()).containsExactly("r1", "r2");
        assertThat(c.handled()).isEqualTo(2);
        assertThat(notifier.of("post")).hasSize(1);
        RecordingNotifier.Call posted = notifier.of("post").get(0);
        assertThat(posted.target()).isEqualTo("C0ORDERS");
        String shown = posted.message().toString();
        assertThat(shown)
                .contains("orders-latency is ALARM")
                .contains("AWS/ApplicationELB/HTTPCode_Target_5XX_Count")
                .contains("&lt;@here&gt;")
                .doesNotContain("<@here>");
        assertThat(notifier.last("update").ref()).isEqualTo(posted.ref());
        assertThat(notifier.last("update").message().text()).contains("orders-latency recovered after 7 min");
        assertThat(notifier.last("update").message().toString()).contains("GreaterThanThreshold 1.5");
    }

    @Test
    void aDuplicateDeliveryToTwoReplicasIsPostedOnce() {
        String alarm = eventBridge("orders-latency", "ALARM", "2026-12-05T21:00:00.000+0000", "7 > 5");
        // SQS is at least once: the replicas receive the same change three times in all.
        queueDelivers(3, alarm);
        RecordingNotifier notifier = new RecordingNotifier();
        AlarmConsumer a = consumer(replica(notifier, CutoverThreads.NONE));
        AlarmConsumer b = consumer(replica(notifier, CutoverThreads.NONE));

        // WireMock's scenario steps are not atomic: two receives at once may both get the same step,
        // so count the deliveries the queue made rather than assume three.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveries() >= 2 && a.handled() + a.kept() + b.handled() + b.kept() == deliveries());
        assertThat(notifier.of("post")).hasSize(1);
        assertThat(notifier.of("update")).isEmpty();
        assertThat(replica(notifier, CutoverThreads.NONE).openIncidents())
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.alarm()).isEqualTo("orders-latency");
                    assertThat(o.state()).isEqualTo("ALARM");
                    assertThat(o.message()).isEqualTo(notifier.of("post").get(0).ref());
                });
    }

    @Test
    void aMalformedMessageIsLeftForTheDeadLetterQueueWithOneLogLineAndReadingGoesOn() throws Exception {
        // The first receive fails (SQS overloaded): the consumer pauses and tries again.
        wm.stubFor(post(urlPathEqualTo("/"))
                .atPriority(1)
                .inScenario("queue")
                .whenScenarioStateIs(Scenario.STARTED)
                .withHeader("X-Amz-Target", equalTo(SQS + "ReceiveMessage"))
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{\"__type\":\"com.amazonaws.sqs#InternalError\",\"message\":\"try again\"}"))
                .willSetStateTo("up"));
        String secretish = "{\"detail-type\": \"CloudWatch Alarm State Change\", \"token\": \"xoxb-not-for-logs\"";
        wm.stubFor(post(urlPathEqualTo("/"))
                .inScenario("queue")
                .whenScenarioStateIs("up")
                .withHeader("X-Amz-Target", equalTo(SQS + "ReceiveMessage"))
                .willReturn(
                        json(messages(secretish, sns("orders-latency", "ALARM", "2026-12-05T21:00:00.000Z", "7 > 5"))))
                .willSetStateTo("drained"));
        wm.stubFor(post(urlPathEqualTo("/"))
                .inScenario("queue")
                .whenScenarioStateIs("drained")
                .withHeader("X-Amz-Target", equalTo(SQS + "ReceiveMessage"))
                .willReturn(json("{\"Messages\":[]}").withFixedDelay(100)));
        RecordingNotifier notifier = new RecordingNotifier();
        try (LogCapture log = new LogCapture(AlarmConsumer.class.getName())) {
            AlarmConsumer c = consumer(replica(notifier, CutoverThreads.NONE));

            await().atMost(Duration.ofSeconds(10)).until(() -> c.handled() == 1);
            assertThat(deleted()).containsExactly("r2");
            assertThat(c.malformed()).isEqualTo(1);
            assertThat(c.failedReceives()).isEqualTo(1);
            assertThat(notifier.of("post")).hasSize(1);
            List<ILoggingEvent> malformed = log.events().stream()
                    .filter(e -> e.getFormattedMessage().contains("dead-letter"))
                    .toList();
            assertThat(malformed).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage())
                        .contains("m1")
                        .doesNotContain("xoxb")
                        .hasSizeLessThan(300);
            });
            int receivesBefore = receives();
            await().atMost(Duration.ofSeconds(5)).until(() -> receives() > receivesBefore + 2);
            assertThat(c.running()).isTrue();
            c.close();
            assertThat(c.awaitStopped(Duration.ofSeconds(5))).isTrue();
        }
    }

    /** Redis down ({@code kill}: connections refused) or hung ({@code hang}: SIGSTOP, reads time out). */
    @ParameterizedTest
    @ValueSource(strings = {"kill", "hang"})
    void aRedisOutageWhileAnAlarmIsHandledKeepsTheMessageInOneLogLineAndItsRedeliveryIsPostedOnce(String fault)
            throws Exception {
        try (PrivateRedis redis = new PrivateRedis()) {
            var client = redis.client(Duration.ofSeconds(2));
            RecordingNotifier notifier = new RecordingNotifier();
            AlarmMonitor monitor = new AlarmMonitor(
                    config,
                    new RedisStateStore<>(client, prefix + "alarm:", AlarmState.class, Duration.ofHours(1)),
                    new RedisStateStore<>(
                            client, prefix + "alarm-index:", AlarmMonitor.OpenIndex.class, Duration.ofHours(1)),
                    notifier,
                    CutoverThreads.NONE);
            if (fault.equals("kill")) {
                redis.kill();
            } else {
                redis.hang();
            }
            String alarm = eventBridge("orders-latency", "ALARM", "2026-12-05T21:00:00.000+0000", "7 > 5");
            try (LogCapture log = new LogCapture(AlarmConsumer.class.getName())) {
                AlarmConsumer c =
                        new AlarmConsumer(new SqsAlarmInbox(clients::sqs), queueUrl, monitor, Duration.ofMillis(50));
                closing.add(c);
                queueHolds(alarm);
                c.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> log.events().stream()
                        .anyMatch(e -> e.getFormattedMessage().contains("not handled")));
                assertThat(deleted()).isEmpty();
                assertThat(c.handled()).isZero();
                assertThat(log.events())
                        .filteredOn(e -> e.getFormattedMessage().contains("not handled"))
                        .singleElement()
                        .satisfies(e -> {
                            assertThat(e.getLevel()).isEqualTo(Level.WARN);
                            assertThat(e.getThrowableProxy()).isNull();
                            assertThat(e.getFormattedMessage())
                                    .contains("m1")
                                    .doesNotContain("7 > 5")
                                    .hasSizeLessThan(400);
                        });

                // Redis is back (after a kill, empty: no persistence); SQS delivers the message again.
                if (fault.equals("kill")) {
                    redis.start();
                } else {
                    redis.resume();
                }
                wm.resetScenarios();
                await().atMost(Duration.ofSeconds(10)).until(() -> c.handled() == 1);
                assertThat(deleted()).containsExactly("r1");
                assertThat(notifier.of("post"))
                        .singleElement()
                        .satisfies(p -> assertThat(p.message().text()).contains("orders-latency is ALARM"));
            }
        }
    }

    @Test
    void aStopDuringALongPollReturnsAtOnceAndLeavesWhatThatPollBringsInTheQueue() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(SQS + "ReceiveMessage"))
                .willReturn(json(messages(eventBridge("orders-latency", "ALARM", "2026-12-05T21:00:00.000+0000", "x")))
                        .withFixedDelay(2_000)));
        RecordingNotifier notifier = new RecordingNotifier();
        AlarmConsumer c = consumer(replica(notifier, CutoverThreads.NONE));
        await().atMost(Duration.ofSeconds(5)).until(() -> receives() >= 1);

        long start = System.nanoTime();
        c.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(c.awaitStopped(Duration.ofSeconds(10))).isTrue();
        assertThat(c.handled()).isZero();
        assertThat(deleted()).isEmpty();
        assertThat(notifier.calls()).isEmpty();
    }

    @Test
    void theAlertWiringStartsTheReaderOverSqsAndItsCloseStopsIt() throws Exception {
        // The wiring's stores use the real key prefix: an account of this run only keeps runs apart.
        String account = String.format(
                "%012d", Math.abs(java.util.UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
        String arn = "arn:aws:cloudwatch:eu-west-1:" + account + ":alarm:orders-latency";
        queueHolds(eventBridge("orders-latency", "ALARM", "2026-12-05T21:00:00.000+0000", "7 > 5")
                .replace("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-latency", arn));
        RecordingNotifier notifier = new RecordingNotifier();
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newScheduledThreadPool(1);
        try (dev.cutover.app.AlertWiring wiring = new dev.cutover.app.AlertWiring(
                config,
                dev.cutover.app.AlertWiring.aws(
                        clients.sqs(),
                        clients.cloudWatch(),
                        clients.ecs(),
                        clients.applicationAutoScaling(),
                        dev.cutover.app.AlertWiring.redisStores(TestRedis.client()),
                        java.time.Clock.systemUTC()),
                notifier,
                dev.cutover.app.PairCatalogs.of(config.pairs()),
                new dev.cutover.memory.InMemoryDnsRecords(java.time.Clock.systemUTC(), Duration.ZERO),
                new dev.cutover.memory.InMemoryApprovalStore(),
                java.time.Clock.systemUTC(),
                timer,
                timer)) {
            AlarmConsumer c = wiring.monitors().alarmQueue().orElseThrow();
            assertThat(c.running()).isFalse();
            wiring.monitors().start(timer);

            await().atMost(Duration.ofSeconds(10)).until(() -> deleted().contains("r1"));
            assertThat(notifier.of("post")).singleElement().satisfies(p -> assertThat(p.target())
                    .isEqualTo("C0ORDERS"));
            assertThat(wiring.monitors().alarms().openIncidents())
                    .extracting(AlarmMonitor.OpenIncident::alarm)
                    .contains("orders-latency");
            wiring.close();
            assertThat(c.awaitStopped(Duration.ofSeconds(5))).isTrue();
        } finally {
            timer.shutdownNow();
            TestRedis.client().del("cutover:alert:alarm:" + arn);
        }
    }

    int receives() {
        return wm.findAll(postRequestedFor(urlPathEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(SQS + "ReceiveMessage")))
                .size();
    }

    @Test
    void aGuardAlarmWithRollbackOnAlarmStartsExactlyOneRollbackWithTwoReplicas() throws Exception {
        config = config(queueUrl, true);
        String alarm = eventBridge("shop-5xx", "ALARM", "2026-12-05T21:00:00.000+0000", "5XX 12 > 5");
        queueDelivers(3, alarm);
        MessageRef watch = new MessageRef("C0ALERTS", "1700000000.000001");
        CutoverThreads watching = pair -> pair.equals("shop") ? Optional.of(watch) : Optional.empty();
        AtomicInteger rollbacks = new AtomicInteger();
        RecordingNotifier notifier = new RecordingNotifier();
        AlarmMonitor one = replica(notifier, watching);
        AlarmMonitor two = replica(notifier, watching);
        for (AlarmMonitor m : List.of(one, two)) {
            m.rollbacks((pair, why, channel) -> {
                assertThat(pair).isEqualTo("shop");
                assertThat(why).contains("shop-5xx").contains("pre-approved");
                rollbacks.incrementAndGet();
                return "Rolling back shop";
            });
        }
        AlarmConsumer a = consumer(one);
        AlarmConsumer b = consumer(two);

        // A delivery that arrives while the other replica posts is kept for its next delivery.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveries() >= 2 && a.handled() + a.kept() + b.handled() + b.kept() == deliveries());
        assertThat(rollbacks).hasValue(1);
        // Into the watch's thread, saying what happened, without a button to press.
        assertThat(notifier.of("reply")).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo(watch.ts());
            assertThat(r.message().toString()).contains("Rolling back shop");
            assertThat(r.message().toString()).doesNotContain(CutoverWatch.ROLLBACK_ACTION_ID);
        });
        assertThat(one.firing("shop")).singleElement().asString().startsWith("shop-5xx is ALARM");
    }
}

package dev.cutover.sandbox.console;

import dev.cutover.config.CutoverConfig;
import dev.cutover.sandbox.SandboxMetrics;
import dev.cutover.sandbox.SandboxRoute53Client;
import dev.cutover.sandbox.SandboxSlackApi;
import java.time.Duration;
import java.util.List;

/**
 * What the console drives, handed over by the wiring that started the sandbox.
 *
 * @param config the effective config (pairs, users, queues, services, cutover sides)
 * @param requests the bot's Slack request URL, signed for as Slack signs
 * @param slack the in-process Slack Web API the bot talks to (response_urls, posted messages)
 * @param route53 the simulated Route 53 ({@code state}, {@code drift})
 * @param metrics the simulated queues, services and target groups ({@code queue}, {@code service},
 *     {@code traffic})
 * @param bot what the console asks of the bot beyond Slack requests
 */
public record ConsoleTarget(
        CutoverConfig config,
        SignedSlackRequests requests,
        SandboxSlackApi slack,
        SandboxRoute53Client route53,
        SandboxMetrics metrics,
        BotControls bot) {

    /** What the console asks of the bot beyond Slack requests. */
    public interface BotControls {
        /** The app's slash commands without the slash, as Slack knows them from the app's settings. */
        List<String> commands();

        /**
         * Waits until the bot has said all it will about the last request.
         *
         * @return false when it is still busy after {@code timeout}
         */
        boolean awaitIdle(Duration timeout);

        /** Polls the watched queues now, so an alert shows at once (nothing without monitors). */
        void pollQueues();

        /** Polls the watched services now (nothing without monitors). */
        void pollServices();

        /**
         * Hands an alarm queue message {@code body} to the alarm handling, as the SQS reader does.
         *
         * @throws RuntimeException when the body cannot be read (as for a message from the queue)
         */
        void alarmMessage(String body);
    }
}

package dev.cutover.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.util.Responder;
import dev.cutover.aws.AwsClients;
import dev.cutover.chat.slack.SlackHttpServer;
import dev.cutover.chat.slack.SlackSignatureVerifier;
import dev.cutover.config.AwsSettings;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The baselines of the HTTP figures, run in their own JVM on the bot's own Undertow server ({@link
 * SlackHttpServer}) with Bolt 1.51:
 *
 * <ul>
 *   <li>{@code bare}: one slash-command handler that only acks;
 *   <li>{@code floor}: acks, then makes the calls a dry run makes, directly, with the same SDK
 *       clients: Route 53 ListResourceRecordSets for the blue and for the green record, then one
 *       response_url POST with the Slack SDK.
 * </ul>
 *
 * Arguments: mode, port, fake base URL (Slack API at {@code <base>/api/}, AWS at {@code <base>}).
 */
public final class BareBoltApp {
    private BareBoltApp() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        String base = args[2];
        SlackConfig sc = new SlackConfig();
        sc.setMethodsEndpointUrlPrefix(base + "/api/");
        sc.setStatsEnabled(false);
        Slack slack = Slack.getInstance(sc);
        App app = new App(AppConfig.builder()
                .singleTeamBotToken("xoxb-bench")
                .signingSecret(SignedCommands.SECRET)
                .slack(slack)
                .requestVerificationEnabled(false)
                .build());
        if (mode.equals("floor")) {
            AwsClients aws = AwsClients.create(new AwsSettings("us-east-1", URI.create(base), null));
            Route53Client route53 = aws.route53();
            ExecutorService work = Executors.newFixedThreadPool(8);
            app.command("/swap", (req, ctx) -> {
                String responseUrl = req.getPayload().getResponseUrl();
                work.execute(() -> {
                    try {
                        int records = 0;
                        for (String name : new String[] {"blue.example.com.", "green.example.com."}) {
                            records += route53.listResourceRecordSets(
                                            r -> r.hostedZoneId(FakeCloud.ZONE).startRecordName(name))
                                    .resourceRecordSets()
                                    .size();
                        }
                        new Responder(slack, responseUrl)
                                .send(ActionResponse.builder()
                                        .responseType("ephemeral")
                                        .text("Dry run: " + records + " records")
                                        .build());
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                });
                return ctx.ack();
            });
        } else {
            app.command("/swap", (req, ctx) -> ctx.ack());
        }
        SlackHttpServer server = new SlackHttpServer(
                app,
                new SlackSignatureVerifier(SignedCommands.SECRET, Clock.systemUTC()),
                "127.0.0.1",
                port,
                SlackHttpServer.DEFAULT_PATH);
        server.start();
        Thread.currentThread().join();
    }
}

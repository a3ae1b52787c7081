package dev.cutover.app;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.util.http.SlackHttpClient;
import dev.cutover.chat.slack.CoalescingMessageUpdater;
import dev.cutover.chat.slack.ResponsePoster;
import dev.cutover.chat.slack.SlackBot;
import dev.cutover.chat.slack.SlackCallListener;
import dev.cutover.chat.slack.SlackCatchAlls;
import dev.cutover.chat.slack.SlackDirectory;
import dev.cutover.chat.slack.SlackHomeSurface;
import dev.cutover.chat.slack.SlackNotifier;
import dev.cutover.chat.slack.SlackWebApi;
import dev.cutover.config.SlackSettings;
import dev.cutover.core.approval.Directory;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.home.HomeSurface;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;

/**
 * The Slack side of the bot: the Web API client behind the {@link Notifier} and {@link Directory}
 * ports a {@link Bot} is built from, and the Bolt app that hands a bot's commands and buttons the
 * requests Slack sends (over {@code SlackHttpServer} or Socket Mode).
 */
public final class SlackWiring implements AutoCloseable {
    /** How long a response_url post may take in all, connecting included: a slow URL costs this once. */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);

    /** How long a user group's members are cached before {@code usergroups.users.list} is asked again. */
    private static final Duration GROUP_TTL = Duration.ofMinutes(5);

    private final Slack slack;
    private final String apiBaseUrl;
    private final String botToken;
    private final String signingSecret;
    private final SlackWebApi api;
    private final ScheduledExecutorService timer;
    private final CoalescingMessageUpdater updater;
    private final SlackNotifier notifier;
    private final Directory directory;
    private final HomeSurface home;
    private final ResponsePoster responses;
    private final SlackWebApi responseApi;

    /**
     * Connects nothing yet.
     *
     * @param apiBaseUrl the Web API base URL, ending with {@code /}
     * @param botToken the {@code xoxb-} token, or empty for none (Bolt then skips {@code auth.test})
     * @param signingSecret the secret Slack signs requests with, or empty in Socket Mode
     * @param updateInterval the least time between two {@code chat.update} calls of one message
     *     (Slack allows about 50 a minute per workspace)
     */
    public SlackWiring(String apiBaseUrl, String botToken, String signingSecret, Clock clock, Duration updateInterval) {
        this(apiBaseUrl, botToken, signingSecret, clock, updateInterval, SlackSettings.DEFAULT_RESPONSE_WORKERS);
    }

    /**
     * Connects nothing yet.
     *
     * @param responseWorkers threads posting answers to response_urls (each post at most {@link
     *     #RESPONSE_TIMEOUT})
     */
    public SlackWiring(
            String apiBaseUrl,
            String botToken,
            String signingSecret,
            Clock clock,
            Duration updateInterval,
            int responseWorkers) {
        this.slack = sdk(apiBaseUrl);
        this.apiBaseUrl = apiBaseUrl;
        this.botToken = botToken;
        this.signingSecret = signingSecret;
        this.api = new SlackWebApi(slack, botToken);
        // Several threads: one slow chat.update must not hold back the updates of other messages.
        this.timer = Executors.newScheduledThreadPool(4, Threads.named("cutover-slack-timer"));
        this.updater = new CoalescingMessageUpdater(api, timer, updateInterval);
        this.notifier = new SlackNotifier(api, updater, timer);
        this.directory = new SlackDirectory(api, clock, GROUP_TTL);
        this.home = new SlackHomeSurface(api);
        this.responseApi = new SlackWebApi(responseUrlSdk(apiBaseUrl), botToken);
        this.responses =
                new ResponsePoster(responseApi, responseWorkers, RESPONSE_QUEUE, Threads.named("cutover-respond"));
    }

    /** Answers waiting for a response_url thread; beyond it an answer is dropped (and logged). */
    private static final int RESPONSE_QUEUE = 1000;

    /** An SDK whose HTTP calls end within {@link #RESPONSE_TIMEOUT}, for response_url posts. */
    private static Slack responseUrlSdk(String apiBaseUrl) {
        SlackConfig c = new SlackConfig();
        c.setMethodsEndpointUrlPrefix(apiBaseUrl);
        c.setStatsEnabled(false);
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(2))
                .callTimeout(RESPONSE_TIMEOUT)
                .build();
        return Slack.getInstance(c, new SlackHttpClient(http));
    }

    /**
     * How long one Web API call may take in all (connecting, sending, Slack's answer); the SDK has
     * none by default, only a 10 s read timeout per read. Calls run on the Slack pools and the work
     * pool, never on an apply's thread, so this bounds how long one of their threads is held.
     */
    static final Duration WEB_API_TIMEOUT = Duration.ofSeconds(15);

    /**
     * A Slack SDK instance calling the Web API at {@code apiBaseUrl} (ends with {@code /}), each call
     * bounded by {@link #WEB_API_TIMEOUT} (10 s to read or write).
     */
    public static Slack sdk(String apiBaseUrl) {
        SlackConfig c = new SlackConfig();
        c.setMethodsEndpointUrlPrefix(apiBaseUrl);
        c.setStatsEnabled(false);
        c.setHttpClientReadTimeoutMillis(10_000);
        c.setHttpClientWriteTimeoutMillis(10_000);
        c.setHttpClientCallTimeoutMillis((int) WEB_API_TIMEOUT.toMillis());
        return Slack.getInstance(c);
    }

    /** From now on tells {@code listener} of every Web API call and response_url post (metrics). */
    public void listen(SlackCallListener listener) {
        api.listener(listener);
        responseApi.listener(listener);
    }

    /**
     * Exports the Slack pools' meters into {@code registry} ({@code executor_*} with {@code name}
     * {@code cutover-respond}: response_url answers; {@code cutover-slack-timer}: message updates and
     * thread posts), beside the bot's own pools.
     */
    public void measure(MeterRegistry registry) {
        responses.measure(registry, "cutover-respond");
        new ExecutorServiceMetrics(timer, "cutover-slack-timer", Tags.empty()).bindTo(registry);
    }

    /** Posts answers to response_urls on a bounded pool of its own. */
    public ResponsePoster responses() {
        return responses;
    }

    /** Posts and updates messages, edits of one message coalesced. */
    public Notifier notifier() {
        return notifier;
    }

    /** Publishes users' App Homes ({@code views.publish}). */
    public HomeSurface home() {
        return home;
    }

    /** Resolves user groups to members, cached for five minutes. */
    public Directory directory() {
        return directory;
    }

    /** True when no message update and no response_url answer is waiting to be sent. */
    public boolean idle() {
        return updater.idle() && responses.idle() && notifier.idle();
    }

    /**
     * The Bolt app with every command and button of {@code bot} registered, their follow-ups run on
     * the bot's work pool. Bolt checks the bot token with {@code auth.test} here.
     *
     * @throws IllegalStateException when {@code auth.test} fails, saying why and where
     */
    public App app(Bot bot) {
        App app = new App(AppConfig.builder()
                .singleTeamBotToken(botToken.isEmpty() ? null : botToken)
                .signingSecret(signingSecret.isEmpty() ? null : signingSecret)
                .slack(slack)
                // SlackHttpServer verifies signatures on the raw bytes first; Bolt's own check hashes
                // with the JVM default charset and accepts future timestamps.
                .requestVerificationEnabled(false)
                .build());
        SlackBot handlers = new SlackBot(app, bot::execute, responses);
        handlers.register(bot.commands(), bot.actions());
        bot.home().ifPresent(home -> handlers.registerHome(home::opened, home::notice));
        registerCatchAlls(app);
        return app;
    }

    /**
     * Registers the catch-all middleware. Bolt checks the bot token with auth.test when the first
     * middleware is added, and calls any failure, even a network one, "The token is invalid": say
     * which it was, and where.
     */
    private void registerCatchAlls(App app) {
        try {
            SlackCatchAlls.register(app);
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            int at = m.indexOf("(error: ");
            String why = at >= 0 ? m.substring(at + 8, m.length() - (m.endsWith(")") ? 1 : 0)) : m;
            throw new IllegalStateException("could not check the bot token with auth.test at " + apiBaseUrl + ": "
                    + (why.equals("invalid_auth") || why.equals("not_authed")
                            ? why + " (the bot token is wrong)"
                            : why));
        }
    }

    /** Stops taking updates; those already waiting for their interval are still sent. */
    @Override
    public void close() {
        timer.shutdown();
        responses.close();
    }
}

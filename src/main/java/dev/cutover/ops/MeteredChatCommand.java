package dev.cutover.ops;

import dev.cutover.commands.ChatCommand;
import dev.cutover.commands.CommandResult;
import dev.cutover.commands.ForwardingChatCommand;
import dev.cutover.commands.Invocation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * A chat command, measured: {@code cutover_commands_total{command,outcome}} when it is handled
 * (outcome {@code answered}: replied at once, {@code accepted}: work follows the ack, {@code error}:
 * the handler threw), and {@code cutover_command_follow_up_seconds{command,outcome}} for the work
 * after the ack ({@code ok} or {@code failed}). Counting is in memory: the pre-ack step still calls
 * out nowhere.
 */
public final class MeteredChatCommand extends ForwardingChatCommand {
    private final MeterRegistry registry;

    public MeteredChatCommand(ChatCommand command, MeterRegistry registry) {
        super(command);
        this.registry = registry;
    }

    @Override
    public CommandResult handle(Invocation invocation) {
        CommandResult r;
        try {
            r = command.handle(invocation);
        } catch (RuntimeException e) {
            handled("error");
            throw e;
        }
        Runnable work = r.followUp();
        if (work == null) {
            handled("answered");
            return r;
        }
        handled("accepted");
        return new CommandResult(r.ephemeral(), () -> {
            long start = System.nanoTime();
            String outcome = "failed";
            try {
                work.run();
                outcome = "ok";
            } finally {
                Timer.builder("cutover.command.follow.up")
                        .description("The work a command does after the ack")
                        .tag("command", command.name())
                        .tag("outcome", outcome)
                        .register(registry)
                        .record(Duration.ofNanos(System.nanoTime() - start));
            }
        });
    }

    private void handled(String outcome) {
        Counter.builder("cutover.commands")
                .description("Slash commands handled, by how they were answered")
                .tag("command", command.name())
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}

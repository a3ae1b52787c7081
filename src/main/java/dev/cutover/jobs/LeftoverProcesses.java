package dev.cutover.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds {@code command} job processes on this host left by a previous instance of the bot (killed
 * before it could stop them): they carry {@code CUTOVER_BOT_PID} of a bot that is gone, read from
 * {@code /proc/<pid>/environ} (only our own user's processes are readable). In a container they
 * cannot exist: the kernel kills every process of the container when the bot, its main process, ends.
 */
public final class LeftoverProcesses {
    private static final Logger log = LoggerFactory.getLogger(LeftoverProcesses.class);

    /**
     * One leftover.
     *
     * @param pid its process id
     * @param fire the fire identity it ran for ({@code CUTOVER_FIRE_ID})
     * @param botPid the process id of the bot that started it
     */
    public record Leftover(long pid, String fire, long botPid) {}

    private LeftoverProcesses() {}

    /** The leftovers on this host; empty where there is no {@code /proc}. */
    public static List<Leftover> find() {
        long self = ProcessHandle.current().pid();
        List<Leftover> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(h -> leftover(h.pid(), self).ifPresent(out::add));
        return out;
    }

    /** Logs each leftover at ERROR (it may still act with its old fencing token); returns them. */
    public static List<Leftover> report() {
        List<Leftover> found = find();
        found.forEach(l -> log.error(
                "process {} of fire {} was left running by a previous bot (pid {}); kill it if it should not"
                        + " finish",
                l.pid(),
                l.fire(),
                l.botPid()));
        return found;
    }

    private static Optional<Leftover> leftover(long pid, long self) {
        byte[] env;
        try {
            env = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        String bot = null;
        String fire = null;
        for (String kv : new String(env, java.nio.charset.StandardCharsets.UTF_8).split("\0")) {
            if (kv.startsWith("CUTOVER_BOT_PID=")) {
                bot = kv.substring(16);
            } else if (kv.startsWith("CUTOVER_FIRE_ID=")) {
                fire = kv.substring(16);
            }
        }
        if (bot == null || fire == null || !bot.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        long botPid = Long.parseLong(bot);
        if (botPid == self
                || ProcessHandle.of(botPid).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(new Leftover(pid, fire, botPid));
    }
}

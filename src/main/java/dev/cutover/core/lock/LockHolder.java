package dev.cutover.core.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Who holds a lock now, as the lock store says.
 *
 * @param owner the holding replica ({@code <host>-<pid>}), or {@code unknown} for a lock taken by a
 *     version that did not record it
 * @param fencingToken the token handed out with the lock
 */
public record LockHolder(String owner, long fencingToken) {
    /** The owner of locks whose holder is not recorded. */
    public static final String UNKNOWN = "unknown";

    public LockHolder {
        Objects.requireNonNull(owner, "owner");
    }

    /**
     * This process as a lock owner: {@code <host>-<pid>}, with the characters lock values use as
     * separators ({@code :} and {@code #}) replaced.
     */
    public static String thisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "cutover";
        }
        return (host + "-" + ProcessHandle.current().pid()).replaceAll("[:#\\s]", "_");
    }
}

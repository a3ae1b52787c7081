package dev.cutover.core.home;

import dev.cutover.core.chat.Message;

/**
 * Where one user's Home is shown (port): Slack's App Home tab ({@code views.publish}). Publishing
 * replaces the whole view; the newest publish wins.
 */
public interface HomeSurface {
    /**
     * Replaces the Home of {@code userId} with {@code view} (at most 100 blocks).
     *
     * @throws RuntimeException naming the chat service's error code when it refuses
     */
    void publish(String userId, Message view);
}

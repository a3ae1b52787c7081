package dev.cutover.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of Redis that can swallow one reply: the command still runs on the server,
 * the client never hears back (an ambiguous timeout, as on a flaky network).
 */
public final class ReplyDroppingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final URI target;
    private final AtomicBoolean dropNext = new AtomicBoolean();
    private final AtomicInteger dropped = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    public ReplyDroppingProxy(URI redis) throws IOException {
        this(redis, 0);
    }

    /** A proxy listening on {@code port} of the loopback address (0: any free port). */
    public ReplyDroppingProxy(URI redis, int port) throws IOException {
        this.target = redis;
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "reply-dropping-proxy");
        t.setDaemon(true);
        t.start();
    }

    public URI uri() {
        return URI.create("redis://127.0.0.1:" + server.getLocalPort());
    }

    public void dropNextReply() {
        dropNext.set(true);
    }

    public int droppedReplies() {
        return dropped.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort() > 0 ? target.getPort() : 6379);
                sockets.add(client);
                sockets.add(upstream);
                pump(client.getInputStream(), upstream.getOutputStream(), false);
                pump(upstream.getInputStream(), client.getOutputStream(), true);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean replies) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    if (replies && dropNext.compareAndSet(true, false)) {
                        dropped.incrementAndGet();
                        continue;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // connection closed
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}

package dev.scimgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy that can freeze and cut what it carries, to show what a gateway does when its
 * database does. While stalled it forwards nothing in either direction but still accepts
 * connections, as a SIGSTOPped PostgreSQL does (the kernel completes the handshake; nobody
 * answers). A cut resets every connection it holds, as a crashed server or a failed-over address
 * does. Plain threads: it stands in for the network and the database, not for the gateway.
 */
public final class StallingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private boolean stalled;
    private volatile boolean closed;

    private StallingProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** A proxy on a free loopback port that forwards to {@code host:port}. */
    public static StallingProxy start(String host, int port) {
        try {
            var proxy = new StallingProxy(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()),
                    new InetSocketAddress(host, port));
            daemon("stalling-proxy-accept", proxy::acceptAll).start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Stops forwarding in both directions, on open and on new connections, until {@link #resume()}. */
    public void stall() {
        synchronized (gate) {
            stalled = true;
        }
    }

    public void resume() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    /** Resets every connection it carries now; new ones are served as before. */
    public void cut() {
        for (Socket socket : open) {
            reset(socket);
        }
    }

    @Override
    public void close() {
        closed = true;
        resume();
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        cut();
    }

    private void acceptAll() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                daemon("stalling-proxy-connect", () -> connect(client)).start();
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void connect(Socket client) {
        open.add(client);
        // A connection that arrives during a stall is held unanswered, like one in a stopped server's backlog.
        if (!awaitFlowing()) {
            reset(client);
            return;
        }
        try {
            Socket server = new Socket(target.getAddress(), target.getPort());
            open.add(server);
            daemon("stalling-proxy-up", () -> pump(client, server)).start();
            daemon("stalling-proxy-down", () -> pump(server, client)).start();
        } catch (IOException e) {
            reset(client);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!awaitFlowing()) {
                    break;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ignored) {
            // The other side closed or was cut: so is this one, below.
        }
        reset(from);
        reset(to);
    }

    /** Waits while stalled; false once the proxy is closed. */
    private boolean awaitFlowing() {
        synchronized (gate) {
            while (stalled && !closed) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !closed;
        }
    }

    /** Closes with an RST rather than a FIN: the peer learns at once, as from a crashed host. */
    private void reset(Socket socket) {
        open.remove(socket);
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (SocketException ignored) {
            // Already closed.
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}

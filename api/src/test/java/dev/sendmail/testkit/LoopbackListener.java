package dev.sendmail.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The listening half of the test kit's fake servers: a server socket on the loopback address at a free port,
 * accepting on a daemon thread. Each connection is handed to {@code onAccept} on the accepting thread, so its
 * bookkeeping happens in order of arrival, and the task it returns runs on a daemon thread of its own.
 * {@link #close()} stops accepting and closes every connection, and every socket given to {@link #keep}.
 */
final class LoopbackListener implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Socket> sockets = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param name the prefix of the threads' names
     * @param onAccept what to do with a new connection; returns the task that serves it
     */
    LoopbackListener(String name, Function<Socket, Runnable> onAccept) throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        Thread t = new Thread(() -> acceptLoop(name, onAccept), name + "-accept-" + listener.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    InetAddress address() {
        return listener.getInetAddress();
    }

    /**
     * Closes {@code s} with the listener (a connection the server opened itself).
     *
     * @return false when the listener is closed already: {@code s} was closed now
     */
    boolean keep(Socket s) {
        synchronized (sockets) {
            if (!closed) {
                sockets.add(s);
                return true;
            }
        }
        closeQuietly(s);
        return false;
    }

    private void acceptLoop(String name, Function<Socket, Runnable> onAccept) {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (!keep(s)) {
                return;
            }
            Thread t = new Thread(onAccept.apply(s), name + "-" + s.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        synchronized (sockets) {
            closed = true;
            sockets.forEach(LoopbackListener::closeQuietly);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}

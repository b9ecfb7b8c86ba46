package dev.r2dbcpg.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A loopback TCP peer for tests, on plain threads: either a forwarding proxy to a real server, or a
 * scripted fake server. It remembers every byte a client sent it, and counts round trips: the times a
 * client started sending again after the server had answered.
 */
public final class LoopbackPeer implements AutoCloseable {

    private final ServerSocket listener;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CopyOnWriteArrayList<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean stalled;
    private boolean serverSpokeLast = true;
    private int roundTrips;

    private LoopbackPeer(String bindAddress, BiConsumer<Socket, LoopbackPeer> handler) throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    sockets.add(socket);
                    Thread t = new Thread(() -> handler.accept(socket, this), "loopback-peer-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "loopback-peer-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on {@code bindAddress} forwarding every connection to {@code host:port}. */
    public static LoopbackPeer proxy(String bindAddress, String host, int port) throws IOException {
        return new LoopbackPeer(bindAddress, (client, peer) -> {
            try (client; Socket upstream = new Socket(host, port)) {
                peer.sockets.add(upstream);
                Thread back = new Thread(() -> pump(upstream, client, peer, false), "loopback-peer-back");
                back.setDaemon(true);
                back.start();
                pump(client, upstream, peer, true);
                back.join(10_000);
            } catch (IOException | InterruptedException e) {
                // the connection ended
            }
        });
    }

    /** A fake server that reads the 8-byte SSLRequest, answers {@code reply}, then records what follows. */
    public static LoopbackPeer answeringSslRequest(byte[] reply) throws IOException {
        return new LoopbackPeer("127.0.0.1", (client, peer) -> {
            try (client) {
                InputStream in = client.getInputStream();
                byte[] request = in.readNBytes(8);
                peer.record(request, request.length);
                client.getOutputStream().write(reply);
                client.getOutputStream().flush();
                client.setSoTimeout(3_000);
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) > 0) {
                    peer.record(buf, n);
                }
            } catch (IOException e) {
                // the client went away
            }
        });
    }

    /** From now on the proxy forwards nothing the server sends: a server gone silent, its socket still open. */
    public void stall() {
        stalled = true;
    }

    private static void pump(Socket from, Socket to, LoopbackPeer peer, boolean fromClient) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (fromClient) {
                    peer.record(buf, n);
                } else if (peer.stalled) {
                    continue;
                } else {
                    peer.serverSpoke();
                }
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    private synchronized void record(byte[] bytes, int length) {
        received.write(bytes, 0, length);
        if (serverSpokeLast) {
            roundTrips++;
            serverSpokeLast = false;
        }
    }

    private synchronized void serverSpoke() {
        serverSpokeLast = true;
    }

    /**
     * Round trips so far over all connections: each time a client sent bytes after the server's last answer
     * (or first). Meaningful for one connection at a time, with the client waiting for what it asked.
     */
    public synchronized int roundTrips() {
        return roundTrips;
    }

    /** Everything clients sent so far. */
    public synchronized byte[] received() {
        return received.toByteArray();
    }

    /** The port it listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}

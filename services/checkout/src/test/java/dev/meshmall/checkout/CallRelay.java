package dev.meshmall.checkout;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import dev.meshmall.testing.TestServices;

/**
 * A relay in front of one service's gRPC port that can hold calls: the checkout under test is told the relay's
 * address for that peer. The ports are mTLS, so the relay ends checkout's TLS (with a certificate of the test CA)
 * and opens its own to the peer as checkout, the identity the peer's authorization table expects, and reads the
 * HTTP/2 between the two. It reads the HTTP/2 frames going through and always passes those of the
 * connection itself (stream 0: settings, pings, window updates), so the channel stays up; the frames of a call
 * it holds are kept from the other side for good. Holding a call before the peer sees it, or its answer after
 * the peer acted on it, leaves the caller waiting at a known point, where the test kills it.
 *
 * <p>What it holds is decided as each frame arrives; a connection that held a call should not be used again
 * (its header compression state is then out of step), which suits a caller that is about to be killed.
 */
final class CallRelay implements AutoCloseable {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int FRAME_HEADER = 9;
    private static final int HEADERS = 0x1;

    private enum Mode { PASS, HOLD_CALLS, HOLD_ANSWERS }

    private final int target;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.PASS;
    private final AtomicInteger callsToPass = new AtomicInteger();
    private final AtomicInteger heldCalls = new AtomicInteger();
    private final AtomicInteger heldAnswers = new AtomicInteger();

    private final SSLContext tls = TestServices.sslContext("checkout");

    private CallRelay(int target) throws IOException {
        this.target = target;
        SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSSLParameters(http2(server.getSSLParameters()));
        this.listener = server;
        Thread.ofPlatform().daemon().name("relay-" + target).start(this::accept);
    }

    /** A relay to the gRPC port {@code target} on the loopback address, passing everything until told otherwise. */
    static CallRelay to(int target) {
        try {
            return new CallRelay(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String address() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** Every call and answer from now on passes, and the counts start again from zero. */
    void passAll() {
        mode = Mode.PASS;
        heldCalls.set(0);
        heldAnswers.set(0);
    }

    /** The next {@code calls} calls pass; every call after them is held before the peer sees it. */
    void holdCallsAfter(int calls) {
        callsToPass.set(calls);
        mode = Mode.HOLD_CALLS;
    }

    /** Calls pass and the peer acts on them; their answers are held. */
    void holdAnswers() {
        mode = Mode.HOLD_ANSWERS;
    }

    /** Calls held since the last {@link #passAll()}. */
    int heldCalls() {
        return heldCalls.get();
    }

    /** Answers held since the last {@link #passAll()}: each is a call the peer has finished. */
    int heldAnswers() {
        return heldAnswers.get();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(CallRelay::closeQuietly);
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket caller;
            try {
                caller = listener.accept();
            } catch (IOException closed) {
                return;
            }
            try {
                SSLSocket peer = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), target);
                peer.setSSLParameters(http2(peer.getSSLParameters()));
                sockets.add(caller);
                sockets.add(peer);
                Thread.ofPlatform().daemon().start(() -> pump(caller, peer, true));
                Thread.ofPlatform().daemon().start(() -> pump(peer, caller, false));
            } catch (IOException refused) {
                // the caller sees its connection dropped, as if the peer were down
                closeQuietly(caller);
            }
        }
    }

    /** Copies frames one way until either side closes; then closes both, as the other side would see it. */
    private void pump(Socket from, Socket to, boolean calls) {
        Set<Integer> seen = new HashSet<>();
        Set<Integer> held = new HashSet<>();
        try (from; to) {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            if (calls) {
                out.write(in.readNBytes(PREFACE.length));
            }
            while (true) {
                byte[] frame = readFrame(in);
                int stream = ((frame[5] & 0x7f) << 24) | ((frame[6] & 0xff) << 16) | ((frame[7] & 0xff) << 8)
                        | (frame[8] & 0xff);
                boolean opens = stream != 0 && frame[3] == HEADERS && seen.add(stream);
                if (opens && holds(calls)) {
                    held.add(stream);
                    (calls ? heldCalls : heldAnswers).incrementAndGet();
                }
                if (!held.contains(stream)) {
                    out.write(frame);
                    out.flush();
                }
            }
        } catch (IOException closed) {
            // one side is gone: so is the other, through try-with-resources
        } finally {
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    /** Whether the call (or answer) opening now is to be held, counting down the calls left to pass. */
    private boolean holds(boolean calls) {
        Mode now = mode;
        if (calls) {
            return now == Mode.HOLD_CALLS && callsToPass.getAndDecrement() <= 0;
        }
        return now == Mode.HOLD_ANSWERS;
    }

    /** gRPC over TLS agrees on HTTP/2 through ALPN, on both legs. */
    private static SSLParameters http2(SSLParameters parameters) {
        parameters.setApplicationProtocols(new String[] {"h2"});
        return parameters;
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        byte[] header = new byte[FRAME_HEADER];
        in.readFully(header);
        int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        byte[] frame = new byte[FRAME_HEADER + length];
        System.arraycopy(header, 0, frame, 0, FRAME_HEADER);
        in.readFully(frame, FRAME_HEADER, length);
        return frame;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}

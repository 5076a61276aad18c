package dev.meshmall.load.driver;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Product reads over a fixed set of kept-alive HTTP/1.1 connections, written and read by hand: the JDK's client
 * cost about 0.9 ms of the driver's core per request, too much to hold a thousand reads a second on one core
 * without the driver's own queueing showing up as the shop's latency. Answers must have a Content-Length or be
 * chunked; the status must be 200.
 */
final class RawReads implements AutoCloseable {
    private final String host;
    private final BlockingQueue<Connection> idle;

    RawReads(String base, int connections) throws IOException {
        URI uri = URI.create(base);
        this.host = uri.getHost() + ":" + uri.getPort();
        this.idle = new ArrayBlockingQueue<>(connections);
        for (int i = 0; i < connections; i++) {
            idle.add(new Connection(new InetSocketAddress(uri.getHost(), uri.getPort())));
        }
    }

    void product(String id) throws Shop.Failure {
        Connection connection;
        try {
            connection = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Shop.Failure("interrupted");
        }
        try {
            int status = connection.get("/api/v1/products/" + id, host);
            if (status != 200) {
                throw new Shop.Failure(String.valueOf(status));
            }
        } catch (IOException e) {
            connection.reopen();
            throw new Shop.Failure(e.getClass().getSimpleName());
        } finally {
            idle.add(connection);
        }
    }

    @Override
    public void close() {
        idle.forEach(Connection::close);
    }

    private static final class Connection {
        private final InetSocketAddress address;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(InetSocketAddress address) throws IOException {
            this.address = address;
            open();
        }

        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(address, 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        void reopen() {
            close();
            try {
                open();
            } catch (IOException e) {
                // the next request on it fails and tries again
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }

        int get(String path, String host) throws IOException {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, Math.max(colon, 0)).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length >= 0) {
                skip(length);
            } else {
                throw new IOException("an answer with neither a length nor chunks");
            }
            return status;
        }

        private void skip(long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("the connection closed mid-answer");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}

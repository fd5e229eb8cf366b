package dev.featurestore.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few Redis commands the testkit itself sends (PING, CLUSTER ...), over a plain socket, so the
 * testkit does not force a Redis client library on the services.
 */
final class Resp implements AutoCloseable {
    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;

    private Resp(Socket socket) throws IOException {
        this.socket = socket;
        this.input = new BufferedInputStream(socket.getInputStream());
        this.output = socket.getOutputStream();
    }

    static Resp connect(String host, int port) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(10_000);
            return new Resp(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot connect to redis at %s:%d".formatted(host, port), e);
        }
    }

    /** Sends one command; returns a String, Long, List or null; a Redis error becomes an exception. */
    Object command(String... arguments) {
        try {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write("*%d\r\n".formatted(arguments.length).getBytes(StandardCharsets.UTF_8));
            for (String argument : arguments) {
                byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
                request.write("$%d\r\n".formatted(bytes.length).getBytes(StandardCharsets.UTF_8));
                request.write(bytes);
                request.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            output.write(request.toByteArray());
            output.flush();
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException("redis command %s failed".formatted(arguments[0]), e);
        }
    }

    /** Whether a redis-server answers PING on that port. */
    static boolean answersPing(String host, int port) {
        try (Resp resp = connect(host, port)) {
            return "PONG".equals(resp.command("PING"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Object read() throws IOException {
        int type = input.read();
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException("redis error: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = input.readNBytes(length);
                readLine();
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> elements = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    elements.add(read());
                }
                return elements;
            }
            case -1:
                throw new IOException("redis closed the connection");
            default:
                throw new IOException("unexpected redis reply type '%c'".formatted((char) type));
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = input.read();
            if (next == -1) {
                throw new IOException("redis closed the connection");
            }
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}

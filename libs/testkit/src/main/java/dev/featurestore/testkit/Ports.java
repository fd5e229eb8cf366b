package dev.featurestore.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports: every server of the testkit binds to 127.0.0.1 only. */
final class Ports {
    static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /** A port nobody listens on right now (the OS picks it). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    /** A free port other than {@code taken}: two look-ups in a row may return the same port. */
    static int freePortOtherThan(int taken) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = freePort();
            if (port != taken) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port other than %d".formatted(taken));
    }

    /** {@code port} itself when not zero, else a free port. */
    static int orFree(int port) {
        return port == 0 ? freePort() : port;
    }

    /**
     * A free port {@code p} such that {@code p + offset} is free too and below 65536 (Redis Cluster
     * listens on its port plus 10000 for the cluster bus).
     */
    static int freePortWithCompanion(int offset) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 65_535 - offset);
            if (isFree(port) && isFree(port + offset)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port pair with offset %d".formatted(offset));
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until nothing listens on the port any more (a stopped server released it). */
    static void awaitReleased(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isListening(LOOPBACK, port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("port %d still in use after %s".formatted(port, timeout));
            }
            Waits.pause(Duration.ofMillis(50));
        }
    }
}

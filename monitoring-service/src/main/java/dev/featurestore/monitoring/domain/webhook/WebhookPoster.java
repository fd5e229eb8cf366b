package dev.featurestore.monitoring.domain.webhook;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one webhook request, an HTTP/1.1 POST, to the addresses that were vetted for it: it connects to those IP
 * addresses itself, so no second name lookup can lead it elsewhere (DNS rebinding), while TLS still checks the
 * certificate against the URL's host name (SNI and host name verification). It reads only the status line of the
 * answer: redirects are not followed, and nothing else of the answer is kept. Plain JDK sockets, no proxy.
 */
final class WebhookPoster {
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEAD = 64 * 1024;

    private final SSLSocketFactory tls;

    WebhookPoster(SSLSocketFactory tls) {
        this.tls = requireNonNull(tls, "tls is null");
    }

    /**
     * POSTs the body to the target, trying its addresses in turn until one accepts the connection, all within the timeout.
     *
     * @return the answer's status code
     * @throws ConnectException when no address accepted the connection
     * @throws SocketTimeoutException when the timeout passed
     * @throws ProtocolException when the answer is not HTTP/1.x
     */
    int post(WebhookTargets.Target target, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = new ConnectException("no address");
        for (InetAddress address : target.addresses()) {
            Socket socket = new Socket(Proxy.NO_PROXY);
            try {
                socket.connect(new InetSocketAddress(address, target.url().port()), remainingMillis(deadline));
            } catch (ConnectException | SocketTimeoutException e) {
                socket.close();
                last = e;
                continue;
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
            try (Socket connected = target.url().https() ? secure(socket, target.url()) : socket) {
                connected.setSoTimeout(remainingMillis(deadline));
                OutputStream out = connected.getOutputStream();
                out.write(head(target.url(), headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                return status(connected.getInputStream(), deadline);
            }
        }
        throw last;
    }

    private Socket secure(Socket socket, WebhookUrl url) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, url.host(), url.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(socket.getSoTimeout());
        ssl.startHandshake();
        return ssl;
    }

    private static String head(WebhookUrl url, Map<String, String> headers, int length) {
        StringBuilder head = new StringBuilder("POST ").append(url.target()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.authority()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("Content-Length: ").append(length).append("\r\n")
                .append("Connection: close\r\n\r\n")
                .toString();
    }

    /** The final status code: 1xx interim answers are skipped with their headers; the rest of the answer is not read. */
    private static int status(InputStream in, long deadline) throws IOException {
        int read = 0;
        while (true) {
            String line = line(in, deadline);
            read += line.length();
            if (!line.matches("HTTP/1\\.[01] [0-9]{3}( .*)?")) {
                throw new ProtocolException("not an HTTP/1.x status line");
            }
            int status = Integer.parseInt(line.substring(9, 12));
            if (status >= 200 || status == 101) {
                return status;
            }
            for (String header = line(in, deadline); !header.isEmpty(); header = line(in, deadline)) {
                read += header.length();
                if (read > MAX_HEAD) {
                    throw new ProtocolException("interim answers too long");
                }
            }
        }
    }

    private static String line(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new ProtocolException("answer ended early");
            }
            if (line.size() >= MAX_LINE) {
                throw new ProtocolException("line too long");
            }
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("webhook timeout");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long remaining = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (remaining <= 0) {
            throw new SocketTimeoutException("webhook timeout");
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }
}

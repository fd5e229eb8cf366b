package dev.featurestore.monitoring.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook request over real sockets: it goes to the vetted address while TLS checks the certificate against the
 * URL's host, only the final status is read, and a silent or non-HTTP target ends in a timeout or a protocol error.
 */
class WebhookPosterTest {
    private static final String HOST = "hooks.example.test";
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path directory;

    @Test
    void postsOverTlsToTheVettedAddressCheckingTheCertificateAgainstTheUrlsHost() throws Exception {
        KeyStore keys = selfSigned(HOST);
        SSLContext server = SSLContext.getInstance("TLS");
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        server.init(keyManagers.getKeyManagers(), null, null);
        SSLContext client = SSLContext.getInstance("TLS");
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        client.init(null, trust.getTrustManagers(), null);

        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(server));
        List<String> received = new CopyOnWriteArrayList<>();
        https.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Host") + " "
                    + exchange.getRequestHeaders().getFirst("X-Test") + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        https.start();
        try {
            int port = https.getAddress().getPort();
            WebhookPoster poster = new WebhookPoster(client.getSocketFactory());

            int status = poster.post(target("https://%s:%d/hook?a=1".formatted(HOST, port), "127.0.0.1"), Map.of("X-Test", "yes"),
                    "{\"x\": 1}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));

            assertThat(status).isEqualTo(204);
            assertThat(received).containsExactly("POST /hook?a=1 %s:%d yes {\"x\": 1}".formatted(HOST, port));
            // the same server for another name: the certificate does not match the URL's host
            assertThatThrownBy(() -> poster.post(target("https://other.example.test:%d/hook".formatted(port), "127.0.0.1"), Map.of(), new byte[0],
                    Duration.ofSeconds(10))).isInstanceOf(SSLException.class);
            // nor does an untrusted certificate pass with the default trust store
            assertThatThrownBy(() -> new WebhookPoster((SSLSocketFactory) SSLSocketFactory.getDefault()).post(
                    target("https://%s:%d/hook".formatted(HOST, port), "127.0.0.1"), Map.of(), new byte[0], Duration.ofSeconds(10)))
                    .isInstanceOf(SSLException.class);
            assertThat(received).hasSize(1);
        } finally {
            https.stop(0);
        }
    }

    @Test
    void triesTheNextVettedAddressWhenOneRefusesTheConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread answering = answer(server, "HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 5\r\n\r\nhello");
            WebhookPoster poster = new WebhookPoster((SSLSocketFactory) SSLSocketFactory.getDefault());

            int status = poster.post(target("http://%s:%d/hook".formatted(HOST, server.getLocalPort()), "127.0.0.2", "127.0.0.1"), Map.of(), new byte[0],
                    Duration.ofSeconds(10));

            assertThat(status).isEqualTo(202);
            answering.join(10_000);
        }
    }

    @Test
    void connectionRefusedByEveryAddressIsAConnectException() throws Exception {
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = server.getLocalPort();
        }
        WebhookPoster poster = new WebhookPoster((SSLSocketFactory) SSLSocketFactory.getDefault());

        assertThatThrownBy(() -> poster.post(target("http://%s:%d/".formatted(HOST, closedPort), "127.0.0.1"), Map.of(), new byte[0],
                Duration.ofSeconds(5))).isInstanceOf(ConnectException.class);
    }

    @Test
    void silentTargetTimesOutAndNonHttpAnswerIsAProtocolError() throws Exception {
        WebhookPoster poster = new WebhookPoster((SSLSocketFactory) SSLSocketFactory.getDefault());
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> poster.post(target("http://%s:%d/".formatted(HOST, silent.getLocalPort()), "127.0.0.1"), Map.of(), new byte[0],
                    Duration.ofMillis(500))).isInstanceOf(SocketTimeoutException.class);
        }
        try (ServerSocket banner = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            answer(banner, "SSH-2.0-OpenSSH_9.6\r\n");
            assertThatThrownBy(() -> poster.post(target("http://%s:%d/".formatted(HOST, banner.getLocalPort()), "127.0.0.1"), Map.of(), new byte[0],
                    Duration.ofSeconds(5))).isInstanceOf(ProtocolException.class);
        }
    }

    /** Answers one connection with the text after reading the request head, then closes it. */
    private static Thread answer(ServerSocket server, String text) {
        Thread thread = new Thread(() -> {
            try (Socket connection = server.accept()) {
                InputStream in = connection.getInputStream();
                for (int matched = 0, b; matched < 4 && (b = in.read()) != -1; ) {
                    matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                connection.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
                connection.getOutputStream().flush();
            } catch (IOException e) {
                // the client went away
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static WebhookTargets.Target target(String url, String... addresses) throws WebhookTargetException {
        return new WebhookTargets.Target(WebhookUrl.parse(url, true),
                List.of(addresses).stream().map(address -> IpLiterals.parse(address).orElseThrow()).toList());
    }

    /** A key pair and self-signed certificate for the name, made by the JDK's keytool. */
    private KeyStore selfSigned(String name) throws Exception {
        Path file = directory.resolve("keys.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "hook",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", "SAN=dns:" + name, "-validity", "2",
                "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keys.load(in, PASSWORD);
        }
        return keys;
    }
}

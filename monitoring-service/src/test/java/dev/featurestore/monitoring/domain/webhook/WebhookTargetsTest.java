package dev.featurestore.monitoring.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The URL and address rules of webhook targets, a table of URLs and their verdicts. */
class WebhookTargetsTest {
    private static final String ALLOWED = "allowed";
    /** Host names and their addresses, as a resolver would answer. */
    private static final Map<String, List<String>> DNS = Map.of(
            "hooks.example.com", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
            "internal.example.com", List.of("10.1.2.3"),
            "metadata.example.com", List.of("169.254.169.254"),
            "half.example.com", List.of("93.184.215.14", "127.0.0.1"),
            "mapped.example.com", List.of("::ffff:7f00:1"),
            "localhost", List.of("127.0.0.1", "::1"));

    private final WebhookTargets defaults = new WebhookTargets(false, List.of(), WebhookTargetsTest::resolve);
    private final WebhookTargets operatorAllowed = new WebhookTargets(true,
            List.of(NetworkRange.parse("127.0.0.1/32"), NetworkRange.parse("10.0.0.0/8"), NetworkRange.parse("169.254.0.0/16"),
                    NetworkRange.parse("fd00::/8")),
            WebhookTargetsTest::resolve);

    static Stream<Arguments> defaultVerdicts() {
        return Stream.of(
                // allowed: public https
                Arguments.of("https://hooks.example.com/featurestore", ALLOWED),
                Arguments.of("https://hooks.example.com:8443/a/b?x=1&y=%20z", ALLOWED),
                Arguments.of("HTTPS://Hooks.Example.COM./hook", ALLOWED),
                Arguments.of("https://93.184.215.14/hook", ALLOWED),
                Arguments.of("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook", ALLOWED),
                Arguments.of("https://[::ffff:5db8:d70e]/hook", ALLOWED),
                Arguments.of("https://[2002:5db8:d70e::1]/hook", ALLOWED),
                // scheme
                Arguments.of("http://hooks.example.com/hook", "plain http is not allowed"),
                Arguments.of("ftp://hooks.example.com/hook", "not an https URL"),
                Arguments.of("file:///etc/passwd", "not an https URL"),
                Arguments.of("gopher://127.0.0.1:6379/_INFO", "not an https URL"),
                Arguments.of("hooks.example.com/hook", "not an https URL"),
                Arguments.of("https:hooks.example.com", "has no host"),
                // shape
                Arguments.of("https://hooks.example.com/" + "a".repeat(2100), "longer than 2048"),
                Arguments.of("https://hooks.example.com/a b", "a space"),
                Arguments.of("https://hooks.example.com/\u00e9", "non-ASCII"),
                Arguments.of("https://hooks.example.com/a\r\nX-Injected: 1", "control"),
                Arguments.of("https://user@hooks.example.com/hook", "user info"),
                Arguments.of("https://user:password@hooks.example.com/hook", "user info"),
                Arguments.of("https://hooks.example.com@127.0.0.1/hook", "user info"),
                Arguments.of("https://hooks.example.com/hook#part", "fragment"),
                Arguments.of("https:///hook", "has no host"),
                Arguments.of("https://:443/hook", "host name is empty"),
                Arguments.of("https://hooks.example.com:0/hook", "port 0"),
                Arguments.of("https://hooks.example.com:65536/hook", "port 65536"),
                Arguments.of("https://hooks.example.com:99999999999/hook", "no valid host"),
                Arguments.of("https://hooks_example.com/hook", "not a DNS name"),
                Arguments.of("https://-hooks.example.com/hook", "not a DNS name"),
                Arguments.of("https://hooks..example.com/hook", "not a DNS name"),
                Arguments.of("https://[fe80::1%25eth0]/hook", "zones are not accepted"),
                // numeric forms of 127.0.0.1 other than the dotted quad
                Arguments.of("https://2130706433/", "numeric form"),
                Arguments.of("https://0x7f000001/", "numeric form"),
                Arguments.of("https://0x7f.0.0.1/", "numeric form"),
                Arguments.of("https://0177.0.0.1/", "numeric form"),
                Arguments.of("https://017700000001/", "numeric form"),
                Arguments.of("https://127.1/", "numeric form"),
                Arguments.of("https://127.0.1/", "numeric form"),
                Arguments.of("https://127.000.000.001/", "numeric form"),
                Arguments.of("https://1.2.3.4.5/", "numeric form"),
                Arguments.of("https://256.1.1.1/", "numeric form"),
                Arguments.of("https://hooks.0x7f/", "numeric form"),
                // loopback and unspecified
                Arguments.of("https://127.0.0.1/", "loopback"),
                Arguments.of("https://127.255.255.254:8080/", "loopback"),
                Arguments.of("https://[::1]/", "loopback"),
                Arguments.of("https://[0:0:0:0:0:0:0:1]/", "loopback"),
                Arguments.of("https://[::ffff:127.0.0.1]/", "loopback"),
                Arguments.of("https://[::ffff:7f00:1]/", "loopback"),
                Arguments.of("https://[::127.0.0.1]/", "loopback address (in an IPv6 form)"),
                Arguments.of("https://0.0.0.0/", "unspecified"),
                Arguments.of("https://[::]/", "unspecified"),
                Arguments.of("https://localhost/", "resolves to a loopback address"),
                Arguments.of("https://localhost./", "resolves to a loopback address"),
                // private, shared, link-local, metadata
                Arguments.of("https://10.0.0.1/", "private"),
                Arguments.of("https://172.16.0.1/", "private"),
                Arguments.of("https://172.31.255.255/", "private"),
                Arguments.of("https://192.168.1.1/", "private"),
                Arguments.of("https://[fc00::1]/", "private"),
                Arguments.of("https://[fd12:3456::1]/", "private"),
                Arguments.of("https://[fec0::1]/", "private"),
                Arguments.of("https://[::ffff:10.0.0.1]/", "private"),
                Arguments.of("https://100.64.0.1/", "carrier-grade NAT"),
                Arguments.of("https://100.127.255.255/", "carrier-grade NAT"),
                Arguments.of("https://169.254.1.1/", "link-local"),
                Arguments.of("https://[fe80::1]/", "link-local"),
                Arguments.of("https://169.254.169.254/latest/meta-data/", "cloud metadata"),
                Arguments.of("https://[fd00:ec2::254]/", "cloud metadata"),
                Arguments.of("https://100.100.100.200/", "cloud metadata"),
                Arguments.of("https://[::ffff:169.254.169.254]/", "cloud metadata"),
                Arguments.of("https://[::ffff:a9fe:a9fe]/", "cloud metadata"),
                Arguments.of("https://[64:ff9b::a9fe:a9fe]/", "cloud metadata address (behind NAT64)"),
                Arguments.of("https://[64:ff9b::7f00:1]/", "loopback address (behind NAT64)"),
                Arguments.of("https://[2002:7f00:1::1]/", "loopback address (behind 6to4)"),
                Arguments.of("https://[2002:c0a8:101::1]/", "private address (behind 6to4)"),
                // multicast, broadcast, reserved, documentation, benchmarking
                Arguments.of("https://224.0.0.1/", "multicast"),
                Arguments.of("https://239.255.255.250/", "multicast"),
                Arguments.of("https://[ff02::1]/", "multicast"),
                Arguments.of("https://255.255.255.255/", "broadcast"),
                Arguments.of("https://240.0.0.1/", "reserved"),
                Arguments.of("https://192.0.0.170/", "reserved"),
                Arguments.of("https://192.88.99.1/", "reserved"),
                Arguments.of("https://[100::1]/", "reserved"),
                Arguments.of("https://[2001::1]/", "reserved"),
                Arguments.of("https://[64:ff9b:1::1]/", "reserved"),
                Arguments.of("https://192.0.2.1/", "documentation"),
                Arguments.of("https://198.51.100.1/", "documentation"),
                Arguments.of("https://203.0.113.1/", "documentation"),
                Arguments.of("https://[2001:db8::1]/", "documentation"),
                Arguments.of("https://198.18.0.1/", "benchmarking"),
                Arguments.of("https://198.19.255.255/", "benchmarking"),
                Arguments.of("https://[2001:2::1]/", "benchmarking"),
                // names: every address is checked
                Arguments.of("https://internal.example.com/hook", "resolves to a private address"),
                Arguments.of("https://metadata.example.com/hook", "resolves to a cloud metadata address"),
                Arguments.of("https://half.example.com/hook", "resolves to a loopback address"),
                Arguments.of("https://mapped.example.com/hook", "resolves to a loopback address"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("defaultVerdicts")
    void judgesEachUrlByTheDefaultRules(String url, String verdict) {
        assertVerdict(defaults, url, verdict);
    }

    static Stream<Arguments> operatorVerdicts() {
        return Stream.of(
                Arguments.of("http://127.0.0.1:8080/hook", ALLOWED),
                Arguments.of("http://hooks.example.com/hook", ALLOWED),
                Arguments.of("https://internal.example.com/hook", ALLOWED),
                Arguments.of("http://[::ffff:127.0.0.1]:8080/hook", ALLOWED),
                Arguments.of("https://169.254.1.1/", ALLOWED),
                Arguments.of("https://[fd12::1]/", ALLOWED),
                // outside the allowed networks
                Arguments.of("http://127.0.0.2:8080/hook", "loopback"),
                Arguments.of("http://localhost:8080/hook", "resolves to a loopback address"),
                Arguments.of("http://192.168.1.1/", "private"),
                // never allowed, whatever the networks
                Arguments.of("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
                Arguments.of("http://[fd00:ec2::254]/", "cloud metadata"),
                Arguments.of("http://0.0.0.0:8080/", "unspecified"),
                Arguments.of("ftp://127.0.0.1/", "not an http or https URL"),
                Arguments.of("http://a@127.0.0.1/", "user info"),
                Arguments.of("http://2130706433/", "numeric form"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("operatorVerdicts")
    void allowsHttpAndTheOperatorsNetworksButNeverMetadataAddresses(String url, String verdict) {
        assertVerdict(operatorAllowed, url, verdict);
    }

    @Test
    void vettedTargetCarriesEveryAddressOfItsHostAndTheRequestParts() throws Exception {
        WebhookTargets.Target target = defaults.vet("https://Hooks.Example.com:8443/a/b?x=%20y");

        assertThat(target.addresses()).extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c");
        assertThat(target.url().host()).isEqualTo("hooks.example.com");
        assertThat(target.url().port()).isEqualTo(8443);
        assertThat(target.url().authority()).isEqualTo("hooks.example.com:8443");
        assertThat(target.url().target()).isEqualTo("/a/b?x=%20y");
        assertThat(defaults.vet("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]").url().authority())
                .isEqualTo("[2606:2800:21f:cb07:6820:80da:af6b:8b2c]");
        assertThat(defaults.vet("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]").url().target()).isEqualTo("/");
    }

    @Test
    void refusalNamesTheKindOfRuleBroken() {
        assertThatThrownBy(() -> defaults.vet("https://10.0.0.1/")).isInstanceOfSatisfying(WebhookTargetException.class,
                e -> assertThat(e.error()).isEqualTo(DeliveryError.ADDRESS_NOT_ALLOWED));
        assertThatThrownBy(() -> defaults.vet("http://hooks.example.com/")).isInstanceOfSatisfying(WebhookTargetException.class,
                e -> assertThat(e.error()).isEqualTo(DeliveryError.URL_NOT_ALLOWED));
        assertThatThrownBy(() -> defaults.vet("https://nowhere.example.com/")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void refusalEchoesAtMostAShortPrefixOfAHost() {
        String host = "a".repeat(60) + "." + "2".repeat(200);
        assertThatThrownBy(() -> defaults.vet("https://" + host + "/")).isInstanceOfSatisfying(WebhookTargetException.class,
                e -> assertThat(e.getMessage()).hasSizeLessThan(200).doesNotContain("2".repeat(100)));
    }

    @Test
    void networkRangesHoldTheirAddressesOnly() {
        NetworkRange range = NetworkRange.parse("172.16.0.0/12");
        assertThat(range.contains(address("172.16.0.0"))).isTrue();
        assertThat(range.contains(address("172.31.255.255"))).isTrue();
        assertThat(range.contains(address("172.32.0.0"))).isFalse();
        assertThat(range.contains(address("172.15.255.255"))).isFalse();
        assertThat(range.contains(address("::ffff:ac10:1"))).isTrue();
        assertThat(NetworkRange.parse("172.17.1.2/12")).isEqualTo(range);
        assertThat(NetworkRange.parse("fc00::/7").contains(address("fdff::1"))).isTrue();
        assertThat(NetworkRange.parse("fc00::/7").contains(address("fe00::1"))).isFalse();
        assertThat(NetworkRange.parse("fc00::/7").contains(address("10.0.0.1"))).isFalse();
        assertThat(NetworkRange.parse("0.0.0.0/0").contains(address("8.8.8.8"))).isTrue();
        assertThat(NetworkRange.parse("10.1.2.3").prefixLength()).isEqualTo(32);
        assertThat(NetworkRange.parse("::1").prefixLength()).isEqualTo(128);
        assertThat(NetworkRange.parse("10.0.0.0/8")).hasToString("10.0.0.0/8");
    }

    @Test
    void networkRangesRefuseNamesAndBadPrefixes() {
        for (String bad : List.of("localhost/32", "example.com", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "010.0.0.0/8", "2130706433/32",
                "10.0.0.0/8/8", "")) {
            assertThatThrownBy(() -> NetworkRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void assertVerdict(WebhookTargets targets, String url, String expected) {
        String verdict = verdict(targets, url);
        if (expected.equals(ALLOWED)) {
            assertThat(verdict).isEqualTo(ALLOWED);
        } else {
            assertThat(verdict).isNotEqualTo(ALLOWED).contains(expected);
        }
    }

    private static String verdict(WebhookTargets targets, String url) {
        try {
            targets.vet(url);
            return ALLOWED;
        } catch (WebhookTargetException e) {
            return e.getMessage();
        } catch (UnknownHostException e) {
            return "unknown host";
        }
    }

    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses.stream().map(WebhookTargetsTest::address).toList();
    }

    private static InetAddress address(String literal) {
        return IpLiterals.parse(literal).orElseThrow(() -> new IllegalArgumentException(literal));
    }
}

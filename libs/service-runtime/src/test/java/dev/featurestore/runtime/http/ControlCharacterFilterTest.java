package dev.featurestore.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlCharacterFilterTest {
    @Test
    void namesThePathWhenAnEscapedNulIsInIt() {
        assertThat(ControlCharacterFilter.badParameter("/v1/projects/a%00b/registry", Map.of())).contains("path");
    }

    @Test
    void namesTheQueryParameterHoldingAControlCharacter() {
        assertThat(ControlCharacterFilter.badParameter("/v1/runs", Map.of("project", List.of("demo\u0001")))).contains("project");
        assertThat(ControlCharacterFilter.badParameter("/v1/runs", Map.of("pro\u0000ject", List.of("demo")))).contains("query parameter");
    }

    @Test
    void acceptsOrdinaryAndNonAsciiText() {
        assertThat(ControlCharacterFilter.badParameter("/v1/projects/demo/feature_views/d%C3%A9j%C3%A0", Map.of("q", List.of("trips ü 50%")))).isEmpty();
    }

    @Test
    void decodesUtf8EscapesAndKeepsMalformedOnes() {
        assertThat(ControlCharacterFilter.percentDecoded("/a%C3%A9%zz%2")).isEqualTo("/aé%zz%2");
        assertThat(ControlCharacterFilter.percentDecoded("/a%C2%85")).isEqualTo("/a\u0085");
    }

    @Test
    void onlyAPercentEscapeOrARawControlCharacterNeedsDecodingFirst() {
        assertThat(ControlCharacterFilter.isPlain("/projects/demo/get-online-features")).isTrue();
        assertThat(ControlCharacterFilter.isPlain("project=demo&x=a+b")).isTrue();
        assertThat(ControlCharacterFilter.isPlain(null)).isTrue();
        assertThat(ControlCharacterFilter.isPlain("project=%00")).isFalse();
        assertThat(ControlCharacterFilter.isPlain("/a%2Fb")).isFalse();
        assertThat(ControlCharacterFilter.isPlain("project=a\tb")).isFalse();
    }
}

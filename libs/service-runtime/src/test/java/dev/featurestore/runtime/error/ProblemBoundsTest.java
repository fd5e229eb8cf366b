package dev.featurestore.runtime.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemBoundsTest {
    private static final String MEGABYTE_NAME = "a".repeat(1_000_000);

    @Test
    void cutsAQuotedValueToAShortPrefix() {
        String bounded = ProblemBounds.text("No project '%s' (create it first)".formatted(MEGABYTE_NAME), ProblemBounds.MAX_DETAIL_LENGTH);

        assertThat(bounded).isEqualTo("No project '%s...' (create it first)".formatted("a".repeat(ProblemBounds.QUOTED_PREFIX)));
    }

    @Test
    void cutsAValueWhoseQuoteIsNeverClosed() {
        String bounded = ProblemBounds.text("unreadable: '" + MEGABYTE_NAME, ProblemBounds.MAX_DETAIL_LENGTH);

        assertThat(bounded).isEqualTo("unreadable: '%s...".formatted("a".repeat(ProblemBounds.QUOTED_PREFIX)));
    }

    @Test
    void staysFastOnTextsOfManyQuotes() {
        String quotes = "'a ".repeat(400_000) + "'b'".repeat(400_000);

        assertThat(ProblemBounds.text(quotes, ProblemBounds.MAX_DETAIL_LENGTH)).hasSizeLessThan(ProblemBounds.MAX_DETAIL_LENGTH + 10);
    }

    @Test
    void cutsAQuotedValueAndKeepsWhatFollowsIt() {
        String bounded = ProblemBounds.text("No project '%s' (create it first)".formatted("b".repeat(100)), ProblemBounds.MAX_DETAIL_LENGTH);

        assertThat(bounded).isEqualTo("No project '%s...' (create it first)".formatted("b".repeat(ProblemBounds.QUOTED_PREFIX)));
    }

    @Test
    void keepsShortQuotedValuesAndApostrophesAsTheyAre() {
        String message = "the view's source 'driver_push' feeds no view: it's \"unused\"";

        assertThat(ProblemBounds.text(message, ProblemBounds.MAX_DETAIL_LENGTH)).isEqualTo(message);
    }

    @Test
    void escapesControlCharacters() {
        assertThat(ProblemBounds.text("bad 'a\u0000b'\n", 100)).isEqualTo("bad 'a\\u0000b'\\u000a");
    }

    @Test
    void cutsAnUnquotedLongTextToItsMaximum() {
        String bounded = ProblemBounds.text("x".repeat(10_000), 100);

        assertThat(bounded).hasSize(103).endsWith("...");
    }

    @Test
    void boundsEveryMemberOfAProblemRenderedForAFeatureStoreException() {
        FieldError bad = new FieldError(MEGABYTE_NAME, "unknown %s".formatted(MEGABYTE_NAME));
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            errors.add(bad);
        }
        var exception = new FeatureStoreException(CommonErrorCode.VALIDATION_FAILED, "Invalid: " + MEGABYTE_NAME, errors);

        Problem problem = ProblemErrorResponseProcessor.toProblem(ErrorContext.builder(HttpRequest.POST("/x", "")).cause(exception).build(), 400);

        assertThat(problem.detail()).hasSizeLessThanOrEqualTo(ProblemBounds.MAX_DETAIL_LENGTH + 100)
                .contains("(500 field errors, the first 100 listed)");
        assertThat(problem.errors()).hasSize(ProblemBounds.MAX_ERRORS).allSatisfy(error -> {
            assertThat(error.path()).hasSizeLessThanOrEqualTo(ProblemBounds.MAX_PATH_LENGTH + 3);
            assertThat(error.message()).hasSizeLessThanOrEqualTo(ProblemBounds.MAX_MESSAGE_LENGTH + 3);
        });
    }
}

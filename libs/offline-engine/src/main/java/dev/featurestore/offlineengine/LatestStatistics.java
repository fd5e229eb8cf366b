package dev.featurestore.offlineengine;

import java.time.Instant;
import java.util.Optional;

/**
 * What a latest-rows query did.
 *
 * @param rowsRead source rows of the window read
 * @param entities entities delivered (one row each)
 * @param maxEventTimestamp the greatest event timestamp of the window's rows; empty when there was none
 * @param sourceObjects source objects read
 */
public record LatestStatistics(long rowsRead, long entities, Optional<Instant> maxEventTimestamp, int sourceObjects) {
}

package dev.featurestore.bench;

import dev.featurestore.offlineengine.EngineListener;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Records when each phase of an engine call starts, for a profile by phase. */
final class PhaseRecorder implements EngineListener {
    private final List<String> names = new ArrayList<>();
    private final List<Long> starts = new ArrayList<>();
    private final long created = System.nanoTime();

    @Override
    public synchronized void phase(String description) {
        names.add(description);
        starts.add(System.nanoTime());
    }

    /** e.g. {@code reading entity rows 812 ms, joining feature view x 2300 ms, writing the result 900 ms}, up to {@code end}. */
    synchronized String profile(long end) {
        List<String> parts = new ArrayList<>();
        if (!starts.isEmpty()) {
            parts.add("set-up %d ms".formatted((starts.get(0) - created) / 1_000_000));
        }
        for (int index = 0; index < names.size(); index++) {
            long until = index + 1 < starts.size() ? starts.get(index + 1) : end;
            parts.add("%s %d ms".formatted(names.get(index), (until - starts.get(index)) / 1_000_000));
        }
        return parts.stream().collect(Collectors.joining(", "));
    }
}

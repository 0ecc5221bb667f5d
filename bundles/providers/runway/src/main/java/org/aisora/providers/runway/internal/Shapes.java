package org.aisora.providers.runway.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisora.api.provider.ProviderException;

/**
 * The output ratios and clip lengths the configured models accept. Runway takes a ratio, not a free size,
 * so a job's width and height pick the ratio closest in aspect; its length is rounded up to an allowed one.
 */
final class Shapes {
    private static final Pattern RATIO = Pattern.compile("(\\d{1,5}):(\\d{1,5})");
    private static final int LONGEST_CLIP = 60;

    /** A ratio as Runway spells it, "1280:720", which is also the output size in pixels. */
    record Ratio(int width, int height) {
        String wire() {
            return width + ":" + height;
        }

        double aspect() {
            return Math.log((double) width / height);
        }
    }

    private final List<Ratio> ratios;
    private final int[] durations;

    private Shapes(List<Ratio> ratios, int[] durations) {
        this.ratios = List.copyOf(ratios);
        this.durations = durations;
    }

    /** Parses the configured lists; unusable entries become problems, and an empty list the built-in default. */
    static Shapes parse(String[] ratioLines, int[] durationValues, List<String> problems) {
        List<Ratio> ratios = new ArrayList<>();
        for (String raw : ratioLines == null ? new String[0] : ratioLines) {
            String line = raw == null ? "" : raw.trim();
            Matcher m = RATIO.matcher(line);
            int w = m.matches() ? Integer.parseInt(m.group(1)) : 0;
            int h = m.matches() ? Integer.parseInt(m.group(2)) : 0;
            if (w > 0 && h > 0) {
                ratios.add(new Ratio(w, h));
            } else if (!line.isEmpty()) {
                problems.add("ratio '" + raw + "' is not W:H");
            }
        }
        if (ratios.isEmpty()) {
            problems.add("no usable ratio configured, using 1280:720");
            ratios.add(new Ratio(1280, 720));
        }
        int[] durations = Arrays.stream(durationValues == null ? new int[0] : durationValues)
                .filter(d -> d > 0 && d <= LONGEST_CLIP).distinct().sorted().toArray();
        if (durations.length != (durationValues == null ? 0 : durationValues.length)) {
            problems.add("durations must be distinct seconds in 1.." + LONGEST_CLIP);
        }
        if (durations.length == 0) {
            problems.add("no usable duration configured, using 5");
            durations = new int[] {5};
        }
        return new Shapes(ratios, durations);
    }

    /** The allowed ratio closest in aspect to width x height; the first configured one wins a tie. */
    Ratio nearest(int width, int height) {
        double wanted = Math.log((double) Math.max(1, width) / Math.max(1, height));
        Ratio best = ratios.get(0);
        for (Ratio r : ratios) {
            if (Math.abs(r.aspect() - wanted) < Math.abs(best.aspect() - wanted) - 1e-9) {
                best = r;
            }
        }
        return best;
    }

    /** The shortest allowed length that covers {@code seconds}; none does when it exceeds the longest. */
    int duration(int seconds) throws ProviderException {
        for (int d : durations) {
            if (d >= seconds) {
                return d;
            }
        }
        throw new ProviderException(ProviderException.INVALID_REQUEST,
                "Runway makes clips of at most " + maxDuration() + " s, not " + seconds + " s", false);
    }

    int maxDuration() {
        return durations[durations.length - 1];
    }

    int maxWidth() {
        return ratios.stream().mapToInt(Ratio::width).max().orElseThrow();
    }

    int maxHeight() {
        return ratios.stream().mapToInt(Ratio::height).max().orElseThrow();
    }
}

package org.aisora.providers.stability.internal;

import java.util.List;

/**
 * Stable Image takes an aspect ratio, not a size: a request's width and height become the nearest of the
 * ratios Stability allows, compared on a log scale so 2:1 is as far from 1:1 as 1:2 is.
 */
final class AspectRatios {
    private static final List<int[]> ALLOWED = List.of(new int[] {16, 9}, new int[] {1, 1}, new int[] {21, 9},
            new int[] {2, 3}, new int[] {3, 2}, new int[] {4, 5}, new int[] {5, 4}, new int[] {9, 16},
            new int[] {9, 21});

    private AspectRatios() {
    }

    static String nearest(int width, int height) {
        if (width <= 0 || height <= 0) {
            return "1:1";
        }
        double wanted = Math.log((double) width / height);
        int[] best = ALLOWED.get(1);
        double bestDistance = Double.MAX_VALUE;
        for (int[] ratio : ALLOWED) {
            double distance = Math.abs(wanted - Math.log((double) ratio[0] / ratio[1]));
            if (distance < bestDistance) {
                best = ratio;
                bestDistance = distance;
            }
        }
        return best[0] + ":" + best[1];
    }
}

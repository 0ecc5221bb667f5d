package org.aisora.moderation.rules.internal;

import org.aisora.api.testing.Configs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.aisora.api.moderation.ModerationVerdict;
import org.aisora.api.plugin.PluginHealth;
import org.junit.jupiter.api.Test;

class ImageModerationTest {
    /** A picture with structure (shapes), so its perceptual hash means something. */
    static BufferedImage picture(int w, int h, long seed) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(0xffffff)));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillOval(random.nextInt(w), random.nextInt(h), w / 3, h / 3);
        }
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    static BufferedImage resized(BufferedImage image, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static RulesModerationEngine engine(String... hashes) {
        return new RulesModerationEngine(Configs.of(RulesConfig.class, Map.of("image_hashes", hashes)));
    }

    @Test
    void aKnownImageIsFlaggedEvenResizedAndRecompressed() throws Exception {
        BufferedImage bad = picture(512, 512, 1);
        RulesModerationEngine engine = engine("known-abuse=" + RulesModerationEngine.hashOf(bad));
        ModerationVerdict same = engine.moderateImage(new ByteArrayInputStream(encode(bad, "png")), "image/png");
        assertTrue(same.flagged());
        assertEquals(List.of("known-abuse"), same.categories());
        byte[] smallerJpeg = encode(resized(bad, 300, 300), "jpeg");
        assertTrue(engine.moderateImage(new ByteArrayInputStream(smallerJpeg), "image/jpeg").flagged());
    }

    /** A blocklist recognises known images; it does not classify: vendor providers still need a classifier. */
    @Test
    void aHashBlocklistDoesNotCountAsAnImageClassifier() {
        assertFalse(engine("known-abuse=" + RulesModerationEngine.hashOf(picture(64, 64, 1))).classifiesImages());
        assertFalse(engine().classifiesImages());
    }

    @Test
    void otherImagesPass() throws Exception {
        RulesModerationEngine engine = engine("known-abuse=" + RulesModerationEngine.hashOf(picture(512, 512, 1)));
        for (long seed = 2; seed < 12; seed++) {
            byte[] other = encode(picture(512, 512, seed), "png");
            assertFalse(engine.moderateImage(new ByteArrayInputStream(other), "image/png").flagged(), "seed " + seed);
        }
    }

    @Test
    void withoutABlocklistImagesAreNotDecodedAtAll() throws Exception {
        assertFalse(engine().moderateImage(new ByteArrayInputStream(new byte[] {1, 2, 3}), "image/png").flagged());
        assertTrue(engine("x=0000000000000000").moderateImage(new ByteArrayInputStream(new byte[] {1, 2, 3}),
                "image/png").flagged());
    }

    @Test
    void badHashEntriesDegradeHealthButTheGoodOnesStillWork() throws Exception {
        BufferedImage bad = picture(256, 256, 3);
        RulesModerationEngine engine = engine("nohash", "cat=xyz", "abuse=" + RulesModerationEngine.hashOf(bad));
        assertEquals(PluginHealth.Status.DEGRADED, engine.health().status());
        assertTrue(engine.moderateImage(new ByteArrayInputStream(encode(bad, "png")), "image/png").flagged());
    }
}

package org.aisora.core.internal.flow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.aisora.api.service.AuditLog;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.GenerationSubmission;
import org.aisora.api.service.GenerationView;
import org.aisora.api.service.MediaView;
import org.aisora.api.service.Registration;
import org.aisora.api.store.CheckoutRecord;
import org.aisora.api.store.PaymentEventRecord;
import org.aisora.api.store.SubscriptionRecord;
import org.aisora.core.internal.MutableClock;
import org.aisora.core.internal.credits.LedgerAccounts;
import org.aisora.core.internal.privacy.PrivacyServiceImpl;

/** The privacy service on a {@link TestPlatform}, and a user seeded with every kind of data there is. */
final class PrivacyPlatform {
    static final ClientInfo CLIENT = new ClientInfo("203.0.113.77", "PrivacyTest/1.0 (X11; Linux)");
    static final String PASSWORD = "a long password";

    final TestPlatform platform;
    final MutableClock clock = new MutableClock(Instant.now());
    final List<String> audited = new java.util.concurrent.CopyOnWriteArrayList<>();
    final PrivacyServiceImpl privacy;

    PrivacyPlatform(TestPlatform platform) {
        this.platform = platform;
        this.privacy = new PrivacyServiceImpl(platform.db.accounts(), platform.db.sessions(), platform.db.receipts(),
                platform.registry, platform.security, PrivacyServiceImpl.categories(platform.personalData(), platform.registry), clock);
        // the real audit log (its rows are scanned after a deletion), and a list the tests can read
        AuditLog log = (actor, action, subject, client, detail) -> {
            audited.add(action + " " + subject);
            platform.audit.record(actor, action, subject, client, detail);
        };
        privacy.setAuditLog(log);
    }

    /** What a seeded user has, to compare with an export and a receipt. */
    record Seeded(Caller caller, String name, String email, String contact, String prompt, Map<String, byte[]> files,
                  String uploadKey, String pendingEmail, ClientInfo client) {
    }

    private final java.util.concurrent.atomic.AtomicInteger seeded = new java.util.concurrent.atomic.AtomicInteger();

    /** Each user seeded comes from an address of their own (the scans look for it), with {@link #CLIENT}'s browser. */
    Seeded seed(boolean withVideo) throws Exception {
        int n = seeded.getAndIncrement();
        ClientInfo client = new ClientInfo("198.51.100." + (n % 250 + 1), CLIENT.userAgent());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "Erin Zebediah-" + tag;
        String email = "erin." + tag + "@example.org";
        String contact = "+44 20 7946 " + tag;
        platform.accounts.register(new Registration(name, email, contact, PASSWORD, "1990-01-01", TestPlatform.POLICY),
                client);
        platform.accounts.login(email, PASSWORD, client); // a second device
        Caller caller = platform.accounts.authenticate(platform.accounts.login(email, PASSWORD, client).token())
                .orElseThrow();
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] png = MediaFlowContract.png(320, 200);
        MediaView image = platform.media.upload(caller, new ByteArrayInputStream(png), "image/png", png.length);
        files.put(image.id(), png);
        if (withVideo) {
            byte[] video = video();
            MediaView clip = platform.media.upload(caller, new ByteArrayInputStream(video), "video/mp4", video.length);
            files.put(clip.id(), video);
            Instant deadline = Instant.now().plusSeconds(60);
            while (platform.media.get(caller, clip.id()).status().equals("processing") && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            if (platform.media.get(caller, clip.id()).status().equals("processing")) {
                throw new AssertionError("the uploaded video was still processing after a minute");
            }
        }
        String prompt = "a lighthouse painted by zebediah " + tag;
        GenerationView job = platform.generations.submit(caller, new GenerationSubmission("text-to-image", prompt, null,
                null, 256, 256, null, null, null), null);
        GenerationView done = platform.await(caller, job.id(), v -> v.status().equals("succeeded"));
        for (MediaView out : done.outputs()) {
            try (InputStream in = platform.media.content(caller, out.id()).open()) {
                files.put(out.id(), in.readAllBytes());
            }
        }
        seedPayments(caller.accountId());
        // an API token, preferences of their own, and an e-mail change waiting for its code (queued mail)
        platform.tokens.create(caller, "laptop", 30, null, TestPlatform.PASSWORD, client);
        org.aisora.core.internal.accounts.ProfileServiceImpl profiles = new org.aisora.core.internal.accounts
                .ProfileServiceImpl(platform.db.accounts(), platform.db.profiles(), platform.db.preferences(),
                platform.registry, new org.aisora.core.internal.notify.MailOutboxImpl(platform.db.outbox()), platform.reauth,
                java.time.Clock.systemUTC());
        profiles.setPreferences(caller, new org.aisora.api.service.Preferences(true, false, true));
        String pendingEmail = "erin.new." + tag + "@example.org";
        profiles.correct(caller, new org.aisora.api.service.ProfileChange(null, pendingEmail, null,
                TestPlatform.PASSWORD));
        String uploadKey = platform.db.media().find(image.id()).orElseThrow().blobKey();
        return new Seeded(caller, name, email, contact, prompt, files, uploadKey, pendingEmail, client);
    }

    /** A 2-second 320x240 H.264 clip (the transcoder contract's fixture). */
    byte[] video() throws java.io.IOException {
        try (InputStream in = getClass().getResourceAsStream("/org/aisora/api/transcode/h264_aac_320x240_25fps.mp4")) {
            return in.readAllBytes();
        }
    }

    /** A manual checkout confirmed: the checkout, its payment event with the credits it bought, a subscription. */
    private void seedPayments(String accountId) {
        Instant now = clock.instant();
        String key = "checkout:" + accountId + ":" + UUID.randomUUID();
        platform.db.billing().reserveCheckout(new CheckoutRecord(key, accountId, "manual", "pack-100", null, null, now));
        String session = "manual_" + UUID.randomUUID();
        platform.db.billing().completeCheckout(key, session, "aisora:manual-checkout/" + session);
        platform.db.billing().applyEvent(new PaymentEventRecord("manual", "evt_" + UUID.randomUUID(), "checkout.completed",
                        accountId, session, now),
                LedgerAccounts.purchase("purchase:" + session, accountId, 100, "purchase " + session, now),
                new SubscriptionRecord(accountId, "manual", "sub_" + accountId, "pro", "active",
                        now.plus(Duration.ofDays(30)), now), "pro");
    }

    /** The export unzipped: entry name to bytes, in ZIP order. */
    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    byte[] export(Caller caller) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        privacy.export(caller, out, CLIENT);
        return out.toByteArray();
    }

    /** Every text column of every table, discovered from the database's own catalogue, searched for each needle. */
    List<String> scan(List<String> needles) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = platform.db.dataSource().getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String q = md.getIdentifierQuoteString().trim();
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
                while (rs.next()) {
                    String type = rs.getString("TYPE_NAME").toUpperCase();
                    if (type.contains("CHAR") || type.contains("TEXT") || type.contains("CLOB")) {
                        columns.add(new String[] {rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME")});
                    }
                }
            }
            if (columns.stream().noneMatch(col -> col[0].equalsIgnoreCase("deletion_receipts")) || columns.size() < 40) {
                throw new AssertionError("the scan must see every text column, it found " + columns.size());
            }
            for (String[] col : columns) {
                for (String needle : needles) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + q + col[0] + q + " WHERE LOWER("
                            + q + col[1] + q + ") LIKE ?")) {
                        ps.setString(1, "%" + needle.toLowerCase() + "%");
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                found.add(col[0] + "." + col[1] + " holds " + needle);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}

package org.aisora.core.internal.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.aisora.api.error.AisoraException;
import org.aisora.api.policy.ArtifactKind;
import org.aisora.api.service.Caller;
import org.aisora.api.service.MediaContent;
import org.aisora.api.service.MediaService;
import org.aisora.api.service.MediaView;
import org.aisora.api.service.SignedUrl;
import org.aisora.api.storage.BlobStore;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.MediaStore;
import org.aisora.api.store.PreferenceStore;
import org.aisora.api.store.VendorDeletionRecord.Reason;
import org.aisora.core.internal.accounts.EmailVerifications;
import org.aisora.core.internal.accounts.ProcessingRestriction;
import org.aisora.core.internal.limits.LimitRefusals;
import org.aisora.core.internal.limits.Plan;
import org.aisora.core.internal.limits.Plans;
import org.aisora.core.internal.media.upload.UploadLimits;
import org.aisora.core.internal.media.upload.UploadRefusals;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.aisora.core.internal.vendordeletion.VendorDeletionQueue;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Media for their owner: uploads, listing, deletion, content and signed URLs. Each item is read from
 * the store that wrote it, so switching the default store never strands older items.
 */
@Component(service = MediaService.class, configurationPid = MediaConfiguration.PID)
public final class MediaServiceImpl implements MediaService {
    private final MediaStore media;
    private final MediaProcessor processor;
    private final VendorDeletionQueue vendorDeletions;
    private final AccountStore accounts;
    private final PreferenceStore preferences;
    private final PluginRegistry registry;
    private volatile MediaConfiguration config;
    private final Plans plans;
    private final Path workFolder;
    private volatile MediaUploads uploads;
    private volatile UrlSigner signer;
    private final Clock clock;

    @Activate
    public MediaServiceImpl(@Reference MediaStore media, @Reference AccountStore accounts,
                            @Reference PreferenceStore preferences, @Reference PluginRegistry registry,
                            @Reference MediaProcessor processor, @Reference VendorDeletionQueue vendorDeletions,
                            @Reference Plans plans, MediaConfiguration config) throws IOException {
        this(media, accounts, preferences, registry, processor, vendorDeletions, config, plans, dataFolder(),
                UrlSigner.fromConfig(config.url_signing_key(), dataFolder().resolve("url-signing.key")),
                Clock.systemUTC());
        MediaUploads.sweepStale(dataFolder().resolve("spool"), Instant.now().minus(Duration.ofMinutes(1)));
    }

    public MediaServiceImpl(MediaStore media, AccountStore accounts, PreferenceStore preferences,
                            PluginRegistry registry, MediaProcessor processor, VendorDeletionQueue vendorDeletions,
                            MediaConfiguration config, Plans plans, Path workFolder, UrlSigner signer, Clock clock) {
        this.plans = plans;
        this.processor = processor;
        this.vendorDeletions = vendorDeletions;
        this.preferences = preferences;
        this.media = media;
        this.accounts = accounts;
        this.registry = registry;
        this.config = config;
        this.workFolder = workFolder;
        this.uploads = new MediaUploads(workFolder.resolve("spool"), config.thumbnail_size());
        this.signer = signer;
        this.clock = clock;
    }

    /**
     * An edit applies to the next upload and the next signed URL; the service stays registered, so the API never
     * loses it. A changed {@code url.signing.key} invalidates the URLs signed with the old one.
     */
    @Modified
    void modified(MediaConfiguration next) throws IOException {
        if (!next.url_signing_key().equals(config.url_signing_key())) {
            signer = UrlSigner.fromConfig(next.url_signing_key(), dataFolder().resolve("url-signing.key"));
        }
        uploads = new MediaUploads(workFolder.resolve("spool"), next.thumbnail_size());
        config = next;
    }

    private static Path dataFolder() {
        return Path.of(System.getProperty("karaf.data", "data"), "aisora");
    }

    @Override
    public MediaView upload(Caller caller, InputStream body, String declaredType, long declaredLength) {
        MediaConfiguration settings = config; // one edit's values for the whole upload
        // the restriction right comes before a byte of the body is read
        ProcessingRestriction.requireAllowed(preferences, caller.accountId());
        AccountRecord account = accounts.findById(caller.accountId())
                .orElseThrow(() -> AisoraException.unauthorized("the account no longer exists"));
        EmailVerifications.requireVerified(account);
        BlobStore store = registry.thirdParties().recording(registry.defaultBlobStore().orElseThrow(
                () -> unavailable("storage_unavailable", "no storage is active")), account.id());
        Duration keep = registry.retentionPolicy().map(p -> p.retention(account.plan(), ArtifactKind.ORIGINAL_UPLOAD))
                .orElseThrow(() -> unavailable("policy_unavailable", "uploads are paused for now"));
        Instant now = clock.instant();
        // the plan's upload size, refused before reading when the length is declared, else while streaming
        Plan plan = plans.catalog().forAccount(account.plan());
        LimitRefusals.requireUploadBytes(plan, declaredLength);
        // the storage quota likewise: a declared length over what is left, or nothing left, before reading
        long remaining = plan.maxStorageBytes() - media.bytesUsed(account.id());
        LimitRefusals.requireStorage(plan, remaining, declaredLength);
        if (declaredType != null && declaredType.toLowerCase(java.util.Locale.ROOT).startsWith("video/")) {
            processor.requireRoom(account.id()); // a full queue is said before the body is read
        }
        long planCap = LimitRefusals.uploadCap(plan, settings.upload_max_bytes());
        UploadLimits limits = new UploadLimits(Math.min(planCap, remaining), settings.upload_max_pixels(),
                settings.upload_max_side(), settings.upload_max_side());
        MediaUploads.Stored stored;
        try {
            stored = uploads.store(account.id(), body, declaredType, declaredLength, limits,
                    new VideoUploads.Limits(settings.upload_max_video_seconds(), settings.upload_max_video_side(),
                            settings.upload_max_video_streams(), processor.decodeLimit(plan, 0)),
                    registry.transcoder().orElse(null), () -> processor.reserve(account.id()), store, now,
                    now.plus(keep));
        } catch (IOException e) {
            throw new UncheckedIOException("upload could not be stored", e);
        } catch (AisoraException e) {
            // a body without a length stopped at the quota, not at the plan's upload size
            if (UploadRefusals.TOO_LARGE.equals(e.code()) && remaining < planCap) {
                throw LimitRefusals.storageQuotaExceeded(plan);
            }
            throw e;
        }
        List<MediaRecord> rows = stored.rows();
        try (MediaProcessor.Slot slot = stored.slot()) {
            try {
                media.insertAll(rows);
            } catch (RuntimeException e) {
                BlobCleanup.discard(rows, store);
                throw e;
            }
            if (slot != null) {
                slot.schedule(rows.get(0).id());
            }
        }
        return MediaViews.view(rows.get(0), media);
    }

    @Override
    public List<MediaView> list(Caller caller, int offset, int limit) {
        Instant now = clock.instant();
        return media.listTopLevel(caller.accountId(), Math.max(0, offset), Math.min(Math.max(1, limit), 100)).stream()
                .filter(m -> m.expiresAt() == null || m.expiresAt().isAfter(now))
                .map(m -> MediaViews.view(m, media)).toList();
    }

    /**
     * The vendor's copy is queued for deletion first (a generated output's job tasks; the job row stays), then
     * rows go (one transaction), then blobs: a crash in between leaves only orphan blobs, which reconcile removes.
     */
    @Override
    public void delete(Caller caller, String id) {
        MediaRecord item = owned(caller, id);
        List<MediaRecord> all = new ArrayList<>(media.findByParent(item.id()));
        all.add(item);
        vendorDeletions.enqueueMedia(List.of(item), Reason.MEDIA_DELETED, clock.instant());
        media.delete(all.stream().map(MediaRecord::id).toList());
        BlobCleanup.discard(all, registry);
    }

    @Override
    public MediaView get(Caller caller, String id) {
        return MediaViews.view(owned(caller, id), media);
    }

    @Override
    public MediaContent content(Caller caller, String id) {
        return MediaContents.of(owned(caller, id), registry);
    }

    @Override
    public MediaContent thumbnail(Caller caller, String id) {
        return MediaContents.of(thumbnailOf(owned(caller, id)), registry);
    }

    @Override
    public SignedUrl sign(Caller caller, String id, String variant, Duration ttl) {
        MediaRecord item = owned(caller, id);
        if (!CONTENT.equals(variant) && !THUMBNAIL.equals(variant)) {
            throw AisoraException.badRequest("invalid_variant", "variant must be content or thumbnail");
        }
        long seconds = Math.max(1, Math.min(ttl.toSeconds(), config.signed_url_max_seconds()));
        long expires = clock.instant().getEpochSecond() + seconds;
        String path = "/media/" + item.id() + "/" + variant + "?expires=" + expires + "&sig="
                + signer.sign(item.id(), variant, expires);
        return new SignedUrl(path, Instant.ofEpochSecond(expires));
    }

    @Override
    public MediaContent signedContent(String id, String variant, long expiresEpochSecond, String signature) {
        if (!signer.verify(id, variant, expiresEpochSecond, signature)) {
            throw AisoraException.forbidden("invalid_signature", "the URL signature is not valid");
        }
        if (clock.instant().getEpochSecond() > expiresEpochSecond) {
            throw AisoraException.forbidden("signature_expired", "the signed URL has expired");
        }
        MediaRecord item = live(media.find(id).orElseThrow(() -> AisoraException.notFound("media")));
        return MediaContents.of(THUMBNAIL.equals(variant) ? thumbnailOf(item) : item, registry);
    }

    private MediaRecord thumbnailOf(MediaRecord parent) {
        return media.findByParent(parent.id()).stream()
                .filter(m -> MediaViews.KIND_THUMBNAIL.equals(m.kind()))
                .findFirst().orElseThrow(() -> AisoraException.notFound("thumbnail"));
    }

    /** Another account's item, and an expired one, are indistinguishable from a missing one. */
    private MediaRecord owned(Caller caller, String id) {
        return live(media.find(id).filter(m -> m.ownerId().equals(caller.accountId()))
                .orElseThrow(() -> AisoraException.notFound("media")));
    }

    private MediaRecord live(MediaRecord m) {
        if (m.expiresAt() != null && !m.expiresAt().isAfter(clock.instant())) {
            throw AisoraException.notFound("media");
        }
        return m;
    }

    private static AisoraException unavailable(String code, String message) {
        return new AisoraException(AisoraException.Kind.UNAVAILABLE, code, message);
    }
}

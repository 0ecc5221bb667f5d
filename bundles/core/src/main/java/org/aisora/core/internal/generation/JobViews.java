package org.aisora.core.internal.generation;

import java.util.List;
import org.aisora.api.service.ErrorView;
import org.aisora.api.service.GenerationView;
import org.aisora.api.service.MediaView;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.MediaStore;
import org.aisora.core.internal.media.MediaViews;

/** Builds what a client sees of a job, with its outputs. */
final class JobViews {
    private JobViews() {
    }

    static GenerationView view(JobRecord job, MediaStore media) {
        // only a succeeded job has outputs: spare the others (every new submission) a query
        List<MediaView> outputs = job.status() != org.aisora.api.store.JobStatus.SUCCEEDED ? List.of()
                : media.findByJob(job.id()).stream()
                .filter(m -> m.parentId() == null)
                .map(m -> MediaViews.view(m, media))
                .toList();
        ErrorView error = job.errorCode() == null ? null : new ErrorView(job.errorCode(), job.errorMessage());
        return new GenerationView(job.id(), job.type(), job.status().wireName(), job.prompt(), job.width(),
                job.height(), job.seed(), job.provider(), job.cost(), outputs, error, job.createdAt(),
                job.startedAt(), job.completedAt(), job.expiresAt());
    }
}

package org.aisora.api.service;

import org.osgi.annotation.versioning.ProviderType;

/** Media metadata and content; another account's id is a 404. */
@ProviderType
public interface MediaService {
    MediaView get(Caller caller, String id);

    MediaContent content(Caller caller, String id);

    MediaContent thumbnail(Caller caller, String id);
}

package org.aisora.api.service;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The devices (IP, browser, OS) an account signed in or called the API from, kept for the plan's retention. */
@ProviderType
public interface DeviceService {
    /** The caller's own device records, most recently seen first. */
    List<DeviceView> devices(Caller caller);
}

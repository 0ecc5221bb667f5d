package org.aisora.core.internal.media;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The media settings in force (PID org.aisora.core.media), for every component that needs them beside settings
 * of its own: uploads, video processing and the outputs of jobs ask it at each use, so an edit applies to the
 * next upload, video or job without restarting anything. (A component reading two PIDs was found to receive
 * only its first one in this Karaf, so no component here depends on that.)
 */
@Component(service = MediaSettings.class, configurationPid = MediaConfiguration.PID)
@Designate(ocd = MediaConfiguration.class)
public final class MediaSettings {
    private volatile MediaConfiguration current;

    @Activate
    public MediaSettings(MediaConfiguration config) {
        this.current = config;
    }

    @Modified
    void modified(MediaConfiguration config) {
        this.current = config;
    }

    public MediaConfiguration current() {
        return current;
    }
}

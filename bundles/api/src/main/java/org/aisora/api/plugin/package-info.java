/** What every plugin family shares: an id and a health report. */
@Export
@Version("1.1.0")
package org.aisora.api.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

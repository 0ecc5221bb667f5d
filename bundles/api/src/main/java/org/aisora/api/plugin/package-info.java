/** What every plugin family shares: an id, a health report and the third-party transfer it makes, if any. */
@Export
@Version("1.2.0")
package org.aisora.api.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/** SPI for notifiers (e-mail and friends). */
@Export
@Version("1.0.0")
package org.aisora.api.notify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

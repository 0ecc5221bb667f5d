/** SPI for AI generation providers (image and video). */
@Export
@Version("1.3.0")
package org.aisora.api.provider;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

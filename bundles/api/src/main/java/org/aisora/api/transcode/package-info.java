/** SPI for media transcoders. */
@Export
@Version("1.2.0")
package org.aisora.api.transcode;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/** SPI for blob storage backends. */
@Export
@Version("1.1.0")
package org.aisora.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

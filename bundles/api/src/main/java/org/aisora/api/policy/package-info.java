/** SPI for retention and privacy policies. */
@Export
@Version("1.0.0")
package org.aisora.api.policy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

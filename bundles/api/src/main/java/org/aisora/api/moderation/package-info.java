/** SPI for moderation engines (prompts and media). */
@Export
@Version("1.1.0")
package org.aisora.api.moderation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/** Domain errors; the REST layer maps each kind to one status code and the one JSON error shape. */
@Export
@Version("1.2.0")
package org.aisora.api.error;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

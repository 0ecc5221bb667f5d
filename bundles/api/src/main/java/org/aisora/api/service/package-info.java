/** Services the core implements for the REST and console bundles. */
@Export
@Version("1.8.0")
package org.aisora.api.service;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/** Persistence ports the persistence bundle implements for the core. Each method is one transaction. */
@Export
@Version("2.4.0")
package org.aisora.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

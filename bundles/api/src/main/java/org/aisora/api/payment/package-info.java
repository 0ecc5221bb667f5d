/** SPI for payment processors. */
@Export
@Version("1.2.0")
package org.aisora.api.payment;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

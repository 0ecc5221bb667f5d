package org.aisora.providers.support;

import org.aisora.support.vendorhttp.VendorResponse;

/**
 * A vendor's answer whose body went to a spool file: {@code file} holds a 2xx body, else it is null and
 * {@code response} carries the start of the error body for the adapter's error mapping.
 */
public record VendorDownload(VendorResponse response, SpooledOutput file) {
    public boolean ok() {
        return file != null;
    }

    public int status() {
        return response.status();
    }
}

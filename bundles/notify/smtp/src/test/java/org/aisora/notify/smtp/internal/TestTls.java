package org.aisora.notify.smtp.internal;

import java.io.InputStream;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed relay certificates of the tests: {@code relay-loopback.p12} names localhost and 127.0.0.1,
 * {@code relay-elsewhere.p12} names only relay.example.invalid. A client trusts exactly the one it is given.
 */
final class TestTls {
    static final String LOOPBACK = "relay-loopback.p12";
    static final String ELSEWHERE = "relay-elsewhere.p12";
    private static final char[] PASSWORD = "changeit".toCharArray();

    private TestTls() {
    }

    static KeyStore load(String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = TestTls.class.getResourceAsStream("/" + name)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    /** The relay's side: presents the certificate. */
    static SSLContext server(String name) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(name), PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** The notifier's side: trusts that certificate and nothing else. */
    static SSLSocketFactory trusting(String name) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("relay", load(name).getCertificate("relay"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx.getSocketFactory();
    }
}

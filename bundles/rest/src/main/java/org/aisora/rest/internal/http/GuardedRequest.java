package org.aisora.rest.internal.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

/** The request as the API sees it: the body capped, and the client address resolved through trusted proxies. */
final class GuardedRequest extends HttpServletRequestWrapper {
    /** The request attribute holding the {@link CappedInputStream}, for the JAX-RS response filter. */
    static final String BODY = GuardedRequest.class.getName() + ".body";

    private final String client;
    private final long limit;
    private CappedInputStream body;

    GuardedRequest(HttpServletRequest request, String client, long limit) {
        super(request);
        this.client = client;
        this.limit = limit;
    }

    @Override
    public synchronized ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            body = new CappedInputStream(super.getInputStream(), limit);
            setAttribute(BODY, body);
        }
        return body;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        // a client's charset name that Java does not know (or that is not a legal name) falls back to UTF-8
        Charset charset = StandardCharsets.UTF_8;
        String encoding = getCharacterEncoding();
        if (encoding != null && Charset.isSupported(encoding)) {
            charset = Charset.forName(encoding);
        }
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public String getRemoteAddr() {
        return client;
    }

    @Override
    public String getRemoteHost() {
        return client;
    }
}

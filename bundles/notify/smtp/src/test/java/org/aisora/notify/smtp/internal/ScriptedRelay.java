package org.aisora.notify.smtp.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A loopback SMTP server that answers each command from a script: for the replies GreenMail never gives
 * (a refused recipient, no STARTTLS on offer, STARTTLS with a certificate of our choosing). It records
 * every line it received, and apart the lines it received over TLS.
 */
final class ScriptedRelay implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;
    private final SSLContext tls;
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> receivedOverTls = new CopyOnWriteArrayList<>();

    /** @param reply the reply to a command line (upper-cased verb), or null for the default reply */
    ScriptedRelay(Function<String, String> reply) throws IOException {
        this(reply, null);
    }

    /** @param tls when given, STARTTLS is offered (before the upgrade) and done with this context */
    ScriptedRelay(Function<String, String> reply, SSLContext tls) throws IOException {
        this.tls = tls;
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(reply), "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(Function<String, String> reply) {
        while (!server.isClosed()) {
            try (Socket accepted = server.accept()) {
                converse(accepted, reply);
            } catch (IOException e) {
                // closed, or the client gave up (a refused certificate)
            }
        }
    }

    private void converse(Socket s, Function<String, String> reply) throws IOException {
        BufferedReader in = reader(s);
        OutputStream out = s.getOutputStream();
        send(out, "220 scripted ready");
        boolean data = false;
        boolean secured = false;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            received.add(line);
            if (secured) {
                receivedOverTls.add(line);
            }
            if (data) {
                if (line.equals(".")) {
                    data = false;
                    send(out, "250 queued");
                }
                continue;
            }
            String verb = line.toUpperCase(Locale.ROOT);
            String answer = reply.apply(verb);
            if (answer == null) {
                answer = verb.startsWith("EHLO") ? "250-scripted\r\n" + (tls != null && !secured ? "250-STARTTLS\r\n" : "")
                        + "250-AUTH PLAIN LOGIN\r\n250 8BITMIME"
                        : verb.equals("DATA") ? "354 go ahead"
                        : verb.startsWith("AUTH") ? "235 2.7.0 accepted"
                        : verb.equals("STARTTLS") && tls != null && !secured ? "220 go ahead" : "250 OK";
            }
            data = answer.startsWith("354");
            send(out, answer);
            if (verb.equals("STARTTLS") && answer.startsWith("220")) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, null, s.getPort(), true);
                ssl.setUseClientMode(false);
                ssl.startHandshake();
                s = ssl;
                in = reader(s);
                out = s.getOutputStream();
                secured = true;
            }
            if (verb.equals("QUIT")) {
                break;
            }
        }
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

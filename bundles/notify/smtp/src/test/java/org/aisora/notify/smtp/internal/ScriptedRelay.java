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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback SMTP server that answers each command from a script: for the replies GreenMail never gives
 * (a refused recipient, no STARTTLS on offer). It records every line it received.
 */
final class ScriptedRelay implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;
    final List<String> received = new CopyOnWriteArrayList<>();

    /** @param reply the reply to a command line (upper-cased verb), or null for "250 OK" */
    ScriptedRelay(Function<String, String> reply) throws IOException {
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
            try (Socket s = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                OutputStream out = s.getOutputStream();
                send(out, "220 scripted ready");
                boolean data = false;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    received.add(line);
                    if (data) {
                        if (line.equals(".")) {
                            data = false;
                            send(out, "250 queued");
                        }
                        continue;
                    }
                    String answer = reply.apply(line.toUpperCase(java.util.Locale.ROOT));
                    if (answer == null) {
                        answer = line.toUpperCase(java.util.Locale.ROOT).startsWith("EHLO") ? "250-scripted\r\n250 8BITMIME"
                                : line.equalsIgnoreCase("DATA") ? "354 go ahead" : "250 OK";
                    }
                    data = answer.startsWith("354");
                    send(out, answer);
                    if (line.equalsIgnoreCase("QUIT")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }
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

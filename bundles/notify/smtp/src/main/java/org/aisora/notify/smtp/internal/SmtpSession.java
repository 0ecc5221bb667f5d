package org.aisora.notify.smtp.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One SMTP conversation (RFC 5321) over a socket: EHLO, STARTTLS with host name verification, AUTH
 * PLAIN or LOGIN, one message to one recipient, QUIT. Every unexpected reply is an IOException whose
 * text is the reply code and, except for AUTH (a server may echo the credentials), the reply's words.
 */
final class SmtpSession implements AutoCloseable {
    private static final int MAX_LINE = 2000;
    private static final int MAX_REPLY_LINES = 100;

    private final SmtpSettings settings;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private List<String> extensions = List.of();
    private boolean tls;

    SmtpSession(SmtpSettings settings) {
        this.settings = settings;
    }

    /** Connects, greets and, as configured, switches to TLS and authenticates. */
    void open() throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(settings.host(), settings.port()), settings.connectTimeoutMs());
        socket.setSoTimeout(settings.readTimeoutMs());
        streams();
        expect(read(), 220, "greeting");
        ehlo();
        boolean offered = extensions.contains("STARTTLS");
        if (settings.startTls() == SmtpSettings.StartTls.REQUIRED && !offered) {
            throw new IOException("the relay does not offer STARTTLS, which starttls=required demands");
        }
        if (settings.startTls() != SmtpSettings.StartTls.OFF && offered) {
            command("STARTTLS", 220, "STARTTLS");
            startTls();
            ehlo();
        }
        if (settings.authenticates()) {
            authenticate();
        }
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream());
    }

    private void ehlo() throws IOException {
        List<String> reply = command("EHLO " + settings.heloName(), 250, "EHLO");
        List<String> ext = new ArrayList<>();
        for (int i = 1; i < reply.size(); i++) {
            ext.add(reply.get(i).substring(4).strip().toUpperCase(Locale.ROOT));
        }
        extensions = ext;
    }

    private void startTls() throws IOException {
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(socket, settings.host(), settings.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the relay
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        socket = ssl;
        tls = true;
        streams();
    }

    private void authenticate() throws IOException {
        if (!tls && settings.startTls() != SmtpSettings.StartTls.OFF) {
            throw new IOException("not sending the password in plain text: the relay offered no STARTTLS");
        }
        String mechanisms = extensions.stream().filter(e -> e.startsWith("AUTH")).findFirst()
                .orElseThrow(() -> new IOException("the relay does not offer AUTH"));
        Base64.Encoder b64 = Base64.getEncoder();
        if (mechanisms.contains("PLAIN")) {
            String token = b64.encodeToString(("\0" + settings.username() + "\0" + settings.password())
                    .getBytes(StandardCharsets.UTF_8));
            authStep("AUTH PLAIN " + token, 235);
        } else if (mechanisms.contains("LOGIN")) {
            authStep("AUTH LOGIN", 334);
            authStep(b64.encodeToString(settings.username().getBytes(StandardCharsets.UTF_8)), 334);
            authStep(b64.encodeToString(settings.password().getBytes(StandardCharsets.UTF_8)), 235);
        } else {
            throw new IOException("the relay offers neither AUTH PLAIN nor AUTH LOGIN");
        }
    }

    /** Only the reply code is reported: servers echo the offending line, credentials included. */
    private void authStep(String line, int expected) throws IOException {
        write(line);
        List<String> reply = read();
        if (code(reply) != expected) {
            throw new IOException("authentication refused by the relay (" + code(reply) + ")");
        }
    }

    /** Sends one formatted message (CRLF lines) to one recipient. */
    void send(String recipient, String message) throws IOException {
        command("MAIL FROM:<" + settings.from() + ">", 250, "sender");
        List<String> rcpt = command("RCPT TO:<" + recipient + ">", -1, "recipient");
        if (code(rcpt) != 250 && code(rcpt) != 251) {
            write("RSET");
            throw new IOException("recipient refused: " + describe(rcpt));
        }
        command("DATA", 354, "DATA");
        StringBuilder data = new StringBuilder(message.length() + 64);
        for (String line : message.split("\r\n", -1)) {
            data.append(line.startsWith(".") ? "." : "").append(line).append("\r\n"); // dot-stuffing
        }
        data.append(".");
        command(data.toString(), 250, "message");
    }

    private List<String> command(String line, int expected, String what) throws IOException {
        write(line);
        List<String> reply = read();
        if (expected > 0) {
            expect(reply, expected, what);
        }
        return reply;
    }

    private static void expect(List<String> reply, int code, String what) throws IOException {
        if (code(reply) != code) {
            throw new IOException(what + " refused: " + describe(reply));
        }
    }

    private void write(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One reply: lines "250-..." up to the last "250 ...". */
    private List<String> read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (lines.size() < MAX_REPLY_LINES) {
            String line = readLine();
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
                throw new IOException("the relay does not speak SMTP");
            }
            lines.add(line);
            if (line.length() == 3 || line.charAt(3) != '-') {
                return lines;
            }
        }
        throw new IOException("the relay's reply is too long");
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the relay closed the connection");
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("the relay's reply line is too long");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static int code(List<String> reply) {
        return Integer.parseInt(reply.get(reply.size() - 1).substring(0, 3));
    }

    /** The last reply line, printable ASCII only, bounded. */
    private static String describe(List<String> reply) {
        String line = reply.get(reply.size() - 1).replaceAll("[^\\x20-\\x7E]", "?");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        try {
            if (!socket.isClosed()) {
                socket.setSoTimeout(Math.min(settings.readTimeoutMs(), 2000));
                write("QUIT");
                read();
            }
        } catch (IOException | RuntimeException e) {
            // the message's fate was settled before QUIT
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}

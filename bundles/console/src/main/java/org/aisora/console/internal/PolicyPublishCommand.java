package org.aisora.console.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aisora.api.service.PolicyPublication;
import org.aisora.api.service.PolicyService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

/** Publishes a privacy policy version from a UTF-8 text file and queues the notice to every active user. */
@Service
@Command(scope = "aisora", name = "policy-publish",
        description = "Publish a new privacy policy version and e-mail every active user through the outbox")
public final class PolicyPublishCommand implements Action {
    /** The core takes at most a million characters; four bytes each is the most a UTF-8 file of them needs. */
    static final long MAX_FILE_BYTES = 4_000_000;

    @Reference
    PolicyService policies;

    @Argument(index = 0, name = "version", required = true, description = "The new version, e.g. 2026-12-01")
    String version;

    @Argument(index = 1, name = "file", required = true, description = "The policy text, UTF-8")
    @org.apache.karaf.shell.api.action.Completion(FileCompleter.class)
    String file;

    @Option(name = "--summary", description = "What changed, in a few sentences (goes into the e-mail)")
    String summary;

    @Override
    public Object execute() throws IOException {
        String text = read(Path.of(file));
        PolicyPublication p = policies.publish(version, text, summary);
        System.out.println("published privacy policy " + p.version() + " (sha256 " + p.sha256() + "); "
                + p.noticesQueued() + " notices queued for sending");
        return null;
    }

    static String read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("not a readable file: " + path);
        }
        if (Files.size(path) > MAX_FILE_BYTES) {
            throw new IOException("the policy file is larger than " + MAX_FILE_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("the policy file is not UTF-8 text", e);
        }
    }
}

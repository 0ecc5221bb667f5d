package org.aisora.console.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.aisora.api.service.PrivacyService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

/** Writes an account's export (the same ZIP as GET /me/export) to a new file. */
@Service
@Command(scope = "aisora", name = "user-export", description = "Write an account's data export (ZIP) to a new file")
public final class UserExportCommand implements Action {
    @Reference
    PrivacyService privacy;

    @Argument(index = 0, name = "email", required = true, description = "The account's e-mail")
    @Completion(EmailCompleter.class)
    String email;

    @Argument(index = 1, name = "file", required = true, description = "Where to write the ZIP (must not exist)")
    @Completion(FileCompleter.class)
    String file;

    @Override
    public Object execute() throws IOException {
        Path target = Path.of(file).toAbsolutePath().normalize();
        // never overwrites: an export holds personal data, and a typo must not clobber another file
        OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean done = false;
        try (out) {
            privacy.exportByEmail(email, out);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(target); // ours (CREATE_NEW): a half-written export is not left around
            }
        }
        System.out.println("wrote " + target + " (" + Files.size(target) + " bytes)");
        return null;
    }
}

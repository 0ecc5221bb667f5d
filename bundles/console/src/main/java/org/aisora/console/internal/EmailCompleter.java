package org.aisora.console.internal;

import java.util.List;
import org.aisora.api.service.AccountService;
import org.aisora.api.service.AccountView;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes account e-mail addresses. */
@Service
public final class EmailCompleter implements Completer {
    @Reference
    AccountService accounts;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        accounts.list(0, 1000).stream().map(AccountView::email).forEach(strings.getStrings()::add);
        return strings.complete(session, commandLine, candidates);
    }
}

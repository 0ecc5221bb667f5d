package org.aisora.console.internal;

import java.util.List;
import org.aisora.api.service.CreditService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Runs the ledger's invariant audit and prints every violation. */
@Service
@Command(scope = "aisora", name = "ledger-audit",
        description = "Check that every transaction sums to zero, every balance equals its entries, none is negative")
public final class LedgerAuditCommand implements Action {
    @Reference
    CreditService credits;

    @Override
    public Object execute() {
        List<String> problems = credits.audit();
        if (problems.isEmpty()) {
            System.out.println("ledger audit: OK");
        } else {
            problems.forEach(p -> System.out.println("VIOLATION: " + p));
            System.out.println("ledger audit: " + problems.size() + " violation(s)");
        }
        return null;
    }
}

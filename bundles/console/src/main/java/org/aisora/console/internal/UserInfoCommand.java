package org.aisora.console.internal;

import org.aisora.api.service.AccountOverview;
import org.aisora.api.service.CreditService;
import org.aisora.api.service.CreditSummary;
import org.aisora.api.service.Preferences;
import org.aisora.api.service.ProfileService;
import org.aisora.api.service.ProfileView;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** One account at a glance: profile, plan, preferences, credits, how many jobs and media items. */
@Service
@Command(scope = "aisora", name = "user-info", description = "Show an account's profile, preferences, credits and usage")
public final class UserInfoCommand implements Action {
    @Reference
    ProfileService profiles;

    @Reference
    CreditService credits;

    @Argument(index = 0, name = "email", required = true, description = "The account's e-mail")
    @Completion(EmailCompleter.class)
    String email;

    @Override
    public Object execute() {
        AccountOverview overview = profiles.overview(email);
        ProfileView p = overview.profile();
        Preferences prefs = p.preferences();
        CreditSummary summary = credits.history(p.email(), 0, 1);
        ShellTable table = new ShellTable();
        table.column("Field");
        table.column("Value");
        row(table, "Id", p.id());
        row(table, "Name", p.name());
        row(table, "Email", p.email());
        row(table, "Pending email", p.pendingEmail());
        row(table, "Contact", p.contact());
        row(table, "Role", p.role());
        row(table, "Plan", p.plan());
        row(table, "Created", p.createdAt());
        row(table, "Accepted policy", p.acceptedPolicyVersion());
        row(table, "Processing restricted", prefs.processingRestricted());
        row(table, "Analytics opt-out", prefs.analyticsOptOut());
        row(table, "Marketing e-mails", prefs.marketingEmails());
        row(table, "Credits balance", summary.balance());
        row(table, "Credits reserved", summary.reserved());
        row(table, "Generation jobs", overview.jobs());
        row(table, "Media items", overview.media());
        table.print(System.out);
        return null;
    }

    private static void row(ShellTable table, String field, Object value) {
        table.addRow().addContent(field, value == null ? "-" : value);
    }
}

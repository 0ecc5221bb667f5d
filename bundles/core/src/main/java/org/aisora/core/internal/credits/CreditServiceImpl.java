package org.aisora.core.internal.credits;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.aisora.api.error.AisoraException;
import org.aisora.api.payment.PaymentProcessor;
import org.aisora.api.service.AuditLog;
import org.aisora.api.service.Caller;
import org.aisora.api.service.ClientInfo;
import org.aisora.api.service.CreditEntryView;
import org.aisora.api.service.CreditService;
import org.aisora.api.service.CreditSummary;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.LedgerEntry;
import org.aisora.api.store.LedgerStore;
import org.aisora.core.internal.plugins.PluginRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** A user's balance and history, and operator grants through a payment processor that allows them. */
@Component(service = CreditService.class)
public final class CreditServiceImpl implements CreditService {
    static final long MAX_GRANT = 1_000_000;

    private final AccountStore accounts;
    private final LedgerStore ledger;
    private final PluginRegistry registry;
    private final AuditLog audit;
    private final Clock clock;

    @Activate
    public CreditServiceImpl(@Reference AccountStore accounts, @Reference LedgerStore ledger,
                             @Reference PluginRegistry registry, @Reference AuditLog audit) {
        this(accounts, ledger, registry, audit, Clock.systemUTC());
    }

    public CreditServiceImpl(AccountStore accounts, LedgerStore ledger, PluginRegistry registry, AuditLog audit,
                             Clock clock) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public CreditSummary summary(Caller caller, int offset, int limit) {
        return summaryOf(caller.accountId(), offset, limit);
    }

    @Override
    public CreditSummary grant(String email, long amount, String reason, String processorId) {
        if (amount <= 0 || amount > MAX_GRANT) {
            throw AisoraException.badRequest("invalid_amount", "amount must be between 1 and " + MAX_GRANT);
        }
        PaymentProcessor processor = registry.families().payments.get(processorId)
                .filter(p -> p.capabilities().operatorGrants())
                .orElseThrow(() -> AisoraException.unprocessable("processor_unavailable",
                        "no payment processor '" + processorId + "' that allows operator grants is installed"));
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        AccountRecord account = accounts.findByEmail(normalized)
                .orElseThrow(() -> AisoraException.notFound("account"));
        String memo = processor.id() + ": " + (reason == null || reason.isBlank() ? "operator grant" : reason.strip());
        ledger.post(LedgerAccounts.grant("grant:" + UUID.randomUUID(), account.id(), amount,
                memo.length() > 200 ? memo.substring(0, 200) : memo, clock.instant()));
        // an operator's grant (console): amount and processor only, the free-text reason stays in the ledger
        audit.record(null, "credits_granted", account.id(), ClientInfo.CONSOLE,
                "amount=" + amount + " via " + processor.id());
        return summaryOf(account.id(), 0, 20);
    }

    @Override
    public CreditSummary adjust(String email, long amount, String reason) {
        if (amount == 0 || Math.abs(amount) > MAX_GRANT) {
            throw AisoraException.badRequest("invalid_amount", "amount must be non-zero and at most " + MAX_GRANT
                    + " either way");
        }
        if (reason == null || reason.isBlank()) {
            throw AisoraException.badRequest("reason_required", "an adjustment needs a reason (it is in the history)");
        }
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        AccountRecord account = accounts.findByEmail(normalized)
                .orElseThrow(() -> AisoraException.notFound("account"));
        String memo = "adjustment: " + reason.strip();
        ledger.post(LedgerAccounts.adjustment("adjust:" + UUID.randomUUID(), account.id(), amount,
                memo.length() > 200 ? memo.substring(0, 200) : memo, clock.instant()));
        audit.record(null, "credits_adjusted", account.id(), ClientInfo.CONSOLE, "amount=" + amount);
        return summaryOf(account.id(), 0, 20);
    }

    @Override
    public CreditSummary history(String email, int offset, int limit) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return summaryOf(accounts.findByEmail(normalized).orElseThrow(() -> AisoraException.notFound("account")).id(),
                offset, limit);
    }

    @Override
    public List<String> audit() {
        return ledger.audit();
    }

    private CreditSummary summaryOf(String accountId, int offset, int limit) {
        String available = LedgerAccounts.available(accountId);
        String held = LedgerAccounts.held(accountId);
        // the disputed account's entries are listed too: a hold for a chargeback shows where the credits went
        List<LedgerEntry> entries = ledger.entries(List.of(available, held, LedgerAccounts.disputed(accountId)),
                Math.max(0, offset), Math.min(Math.max(1, limit), 200));
        return new CreditSummary(ledger.balance(available), ledger.balance(held),
                entries.stream().map(e -> view(e, held)).toList());
    }

    public static CreditEntryView view(LedgerEntry e, String heldAccount) {
        return new CreditEntryView(e.transactionKey(), e.kind().name().toLowerCase(Locale.ROOT),
                e.ledgerAccount().equals(heldAccount) ? "reserved"
                        : e.ledgerAccount().endsWith(":disputed") ? "disputed" : "balance", e.amount(), e.memo(),
                e.createdAt());
    }
}

package org.aisora.persistence.internal;

import java.util.Map;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.aisora.api.store.AccountStore;
import org.aisora.api.store.JobStore;
import org.aisora.api.store.LedgerStore;
import org.aisora.api.store.MediaStore;
import org.aisora.api.store.SessionStore;

/**
 * The real stores on a throwaway database, migrated, for other modules' tests (shipped in this
 * module's test-jar): what Karaf wires with DS and Aries JPA, built by hand.
 */
public final class TestStores implements AutoCloseable {
    private final TestDatabase db;
    private final EntityManagerFactory emf;
    private final JpaAccountStore accounts;
    private final JpaSessionStore sessions;
    private final JpaLedgerStore ledger;
    private final JpaJobStore jobs;
    private final JpaMediaStore media;
    private final JpaBillingStore billing;
    private final JpaRetentionStore retention;
    private final JpaUsageStore usage;
    private final boolean ownsDatabase;
    private final JpaPreferenceStore preferences;
    private final JpaProfileStore profiles;
    private final JpaPasswordStore passwords;
    private final JpaOutboxStore outbox;
    private final JpaPolicyStore policies;
    private final JpaApiTokenStore apiTokens;
    private final JpaAuditStore audit;
    private final JpaDeviceStore devices;
    private final JpaDeletionReceiptStore receipts;
    private final JpaVendorDeletionStore vendorDeletions;
    private final JpaBillingClosureStore billingClosures;
    private final JpaThirdPartyStore thirdParties;
    private final JpaCounterStore counters;
    private final JpaEmailVerificationStore emailVerifications;

    private TestStores(TestDatabase db, boolean ownsDatabase) {
        this.db = db;
        this.ownsDatabase = ownsDatabase;
        Migrations.migrate(db.dataSource());
        this.emf = Persistence.createEntityManagerFactory("aisora", Map.of(
                "javax.persistence.nonJtaDataSource", db.dataSource(), "hibernate.hbm2ddl.auto", "validate"));
        SchemaReady ready = new SchemaReady();
        this.accounts = new JpaAccountStore(emf, ready);
        this.sessions = new JpaSessionStore(emf, ready);
        this.ledger = new JpaLedgerStore(emf, ready);
        this.jobs = new JpaJobStore(emf, ready);
        this.media = new JpaMediaStore(emf, ready);
        this.billing = new JpaBillingStore(emf, ready);
        this.retention = new JpaRetentionStore(emf, ready);
        this.usage = new JpaUsageStore(emf, ready);
        this.preferences = new JpaPreferenceStore(emf, ready);
        this.profiles = new JpaProfileStore(emf, ready);
        this.passwords = new JpaPasswordStore(emf, ready);
        this.outbox = new JpaOutboxStore(emf, ready);
        this.policies = new JpaPolicyStore(emf, ready);
        this.apiTokens = new JpaApiTokenStore(emf, ready);
        this.audit = new JpaAuditStore(emf, ready);
        this.devices = new JpaDeviceStore(emf, ready);
        this.receipts = new JpaDeletionReceiptStore(emf, ready);
        this.vendorDeletions = new JpaVendorDeletionStore(emf, ready);
        this.billingClosures = new JpaBillingClosureStore(emf, ready);
        this.thirdParties = new JpaThirdPartyStore(emf, ready);
        this.counters = new JpaCounterStore(emf, ready);
        this.emailVerifications = new JpaEmailVerificationStore(emf, ready);
    }

    /** Always available. */
    public static TestStores h2() {
        return new TestStores(TestDatabase.h2(), true);
    }

    /** Skipped without a MariaDB on 127.0.0.1:3306, failed instead when -Daisora.requireMariaDb=true. */
    public static TestStores mariaDb() {
        return new TestStores(TestDatabase.mariaDb(), true);
    }

    /**
     * Another node on the same database: its own EntityManagerFactory and stores, as a second platform
     * process (or the same one after a restart) would have. Closing it leaves the database alone.
     */
    public TestStores node() {
        return new TestStores(db, false);
    }

    public AccountStore accounts() {
        return accounts;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public LedgerStore ledger() {
        return ledger;
    }

    public JobStore jobs() {
        return jobs;
    }

    public MediaStore media() {
        return media;
    }

    public org.aisora.api.store.BillingStore billing() {
        return billing;
    }

    public org.aisora.api.store.PreferenceStore preferences() {
        return preferences;
    }

    public org.aisora.api.store.ProfileStore profiles() {
        return profiles;
    }

    public org.aisora.api.store.PasswordStore passwords() {
        return passwords;
    }

    public org.aisora.api.store.OutboxStore outbox() {
        return outbox;
    }

    public org.aisora.api.store.PolicyStore policies() {
        return policies;
    }

    public org.aisora.api.store.RetentionStore retention() {
        return retention;
    }

    public org.aisora.api.store.UsageStore usage() {
        return usage;
    }

    public org.aisora.api.store.ApiTokenStore apiTokens() {
        return apiTokens;
    }

    public org.aisora.api.store.AuditStore audit() {
        return audit;
    }

    public org.aisora.api.store.DeviceStore devices() {
        return devices;
    }

    /** Every value of every text column of a table, for scans that prove what is not stored. */
    public java.util.List<String> textValues(String table) {
        return db.textValues(table);
    }

    public org.aisora.api.store.DeletionReceiptStore receipts() {
        return receipts;
    }

    public org.aisora.api.store.VendorDeletionStore vendorDeletions() {
        return vendorDeletions;
    }

    public org.aisora.api.store.BillingClosureStore billingClosures() {
        return billingClosures;
    }

    public org.aisora.api.store.EmailVerificationStore emailVerifications() {
        return emailVerifications;
    }

    public org.aisora.api.store.CounterStore counters() {
        return counters;
    }

    public org.aisora.api.store.ThirdPartyStore thirdParties() {
        return thirdParties;
    }

    /** The database itself, for tests that scan it the way an auditor would (every table, every column). */
    public javax.sql.DataSource dataSource() {
        return db.dataSource();
    }

    /** The first column of the first row, as a long: for counting rows the way an auditor would. */
    public long queryLong(String sql, Object... args) {
        return db.queryLong(sql, args);
    }

    /** One statement, committed: for putting rows into a state no store method makes in one step. */
    public int execute(String sql, Object... args) {
        return db.execute(sql, args);
    }

    /** The first column of the first row, as text: for reading columns no store maps (a job's lease). */
    public String queryString(String sql, Object... args) {
        return db.queryString(sql, args);
    }

    @Override
    public void close() throws Exception {
        emf.close();
        if (ownsDatabase) {
            db.close();
        }
    }

    @Override
    public String toString() {
        return db.toString();
    }
}

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
    private final JpaDeletionReceiptStore receipts;

    private TestStores(TestDatabase db) {
        this.db = db;
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
        this.receipts = new JpaDeletionReceiptStore(emf, ready);
    }

    /** Always available. */
    public static TestStores h2() {
        return new TestStores(TestDatabase.h2());
    }

    /** Skipped without a MariaDB on 127.0.0.1:3306, failed instead when -Daisora.requireMariaDb=true. */
    public static TestStores mariaDb() {
        return new TestStores(TestDatabase.mariaDb());
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

    public org.aisora.api.store.DeletionReceiptStore receipts() {
        return receipts;
    }

    /** The database itself, for tests that scan it the way an auditor would (every table, every column). */
    public javax.sql.DataSource dataSource() {
        return db.dataSource();
    }

    /** The first column of the first row, as a long: for counting rows the way an auditor would. */
    public long queryLong(String sql, Object... args) {
        return db.queryLong(sql, args);
    }

    @Override
    public void close() throws Exception {
        emf.close();
        db.close();
    }

    @Override
    public String toString() {
        return db.toString();
    }
}

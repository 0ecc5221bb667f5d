package org.aisora.persistence.internal;

import static org.aisora.persistence.internal.Fixtures.GRANTS;
import static org.aisora.persistence.internal.Fixtures.REVENUE;
import static org.aisora.persistence.internal.Fixtures.T0;
import static org.aisora.persistence.internal.Fixtures.available;
import static org.aisora.persistence.internal.Fixtures.held;
import static org.aisora.persistence.internal.Fixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.stream.Collectors.toSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.aisora.api.error.AisoraException;
import org.aisora.api.error.InsufficientCreditsException;
import org.aisora.api.store.AccountRecord;
import org.aisora.api.store.JobAttempt;
import org.aisora.api.store.JobCompletion;
import org.aisora.api.store.JobRecord;
import org.aisora.api.store.JobStatus;
import org.aisora.api.store.LedgerEntry;
import org.aisora.api.store.MediaRecord;
import org.aisora.api.store.SessionRecord;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every store promises, run once per database. Hibernate boots outside OSGi on the bundle's own
 * persistence.xml, after the bundle's own migration code ran; validate checks the mapping against the schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {
    TestDatabase db;
    EntityManagerFactory emf;
    JpaAccountStore accounts;
    JpaSessionStore sessions;
    JpaLedgerStore ledger;
    JpaJobStore jobs;
    JpaMediaStore media;

    abstract TestDatabase openDatabase();

    @BeforeAll
    void boot() {
        db = openDatabase();
        int indexed = MigrationFiles.load(getClass().getClassLoader(), Migrations.FOLDER).names().size();
        assertEquals(indexed, Migrations.migrate(db.dataSource()).migrationsExecuted);
        emf = Persistence.createEntityManagerFactory("aisora", Map.of(
                "javax.persistence.nonJtaDataSource", db.dataSource(), "hibernate.hbm2ddl.auto", "validate"));
        SchemaReady ready = new SchemaReady();
        accounts = new JpaAccountStore(emf, ready);
        sessions = new JpaSessionStore(emf, ready);
        ledger = new JpaLedgerStore(emf, ready);
        jobs = new JpaJobStore(emf, ready);
        media = new JpaMediaStore(emf, ready);
    }

    @AfterAll
    void shutdown() throws Exception {
        if (emf != null) {
            emf.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void migrationsAreAllIndexedAndRunOnce() throws Exception {
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", Migrations.FOLDER))) {
            onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).collect(toSet());
        }
        List<String> indexed = MigrationFiles.load(getClass().getClassLoader(), Migrations.FOLDER).names();
        assertEquals(onDisk, Set.copyOf(indexed), "every migration file must be listed in index.txt");
        assertEquals(0, Migrations.migrate(db.dataSource()).migrationsExecuted);
        MigrationInfo[] applied = Migrations.flyway(db.dataSource()).info().applied();
        assertEquals(indexed, Stream.of(applied).map(MigrationInfo::getScript).toList());
        assertTrue(Stream.of(applied).allMatch(m -> m.getState() == MigrationState.SUCCESS));
    }

    @Test
    void anUpgradeKeepsOnlyTheBirthYearOfExistingAccounts() throws Exception {
        try (TestDatabase old = openDatabase()) {
            List<String> indexed = MigrationFiles.load(getClass().getClassLoader(), Migrations.FOLDER).names();
            String before = indexed.get(indexed.indexOf("V14__data_minimisation.sql") - 1);
            String target = before.substring(1, before.indexOf("__"));
            org.flywaydb.core.Flyway.configure(org.flywaydb.core.Flyway.class.getClassLoader())
                    .configuration(Migrations.flyway(old.dataSource()).getConfiguration()).target(target).load().migrate();
            try (java.sql.Connection c = old.dataSource().getConnection();
                 java.sql.Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO accounts (id, email, name, password_hash, birth_date, role, plan, created_at)"
                        + " VALUES ('a-dated', 'dated@example.org', 'D', 'h', '1988-03-04', 'user', 'free', 1)");
                st.executeUpdate("INSERT INTO accounts (id, email, name, password_hash, birth_date, role, plan, created_at)"
                        + " VALUES ('a-undated', 'undated@example.org', 'U', 'h', NULL, 'user', 'free', 1)");
            }
            assertTrue(Migrations.migrate(old.dataSource()).migrationsExecuted >= 1);
            assertEquals(1988, old.queryLong("SELECT birth_year FROM accounts WHERE id = 'a-dated'"));
            assertEquals(1, old.queryLong("SELECT COUNT(*) FROM accounts WHERE id = 'a-undated' AND birth_year IS NULL"));
            try (java.sql.Connection c = old.dataSource().getConnection();
                 java.sql.Statement st = c.createStatement()) {
                org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        () -> st.executeQuery("SELECT birth_date FROM accounts"), "the full birth date is gone");
            }
        }
    }

    @Test
    void accountsRoundTripAndRefuseADuplicateEmail() {
        AccountRecord ada = Fixtures.account("Ada." + id() + "@Example.org");
        accounts.insert(ada);
        AccountRecord stored = accounts.findById(ada.id()).orElseThrow();
        assertEquals(ada.email().toLowerCase(), stored.email());
        assertEquals(ada, new AccountRecord(ada.id(), ada.email(), stored.name(), stored.contact(),
                stored.passwordHash(), stored.birthYear(), stored.role(), stored.plan(),
                stored.acceptedPolicyVersion(), stored.createdAt()));
        assertEquals(ada.id(), accounts.findByEmail(ada.email().toUpperCase()).orElseThrow().id());

        AccountRecord twin = Fixtures.account(ada.email().toUpperCase());
        AisoraException e = assertThrows(AisoraException.class, () -> accounts.insert(twin));
        assertEquals("email_taken", e.code());
        assertEquals(409, e.kind().status());
        assertTrue(accounts.findById(twin.id()).isEmpty());
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM accounts WHERE email = ?", ada.email().toLowerCase()));

        assertTrue(accounts.updateRole(ada.id(), "admin"));
        assertEquals("admin", accounts.findById(ada.id()).orElseThrow().role());
        assertFalse(accounts.updateRole(id(), "admin"));
        assertTrue(accounts.list(0, 10_000).stream().anyMatch(a -> a.id().equals(ada.id())));
    }

    @Test
    void racingRegistrationsWithOneEmailLetExactlyOneIn() throws Exception {
        String email = "race-" + id() + "@example.org";
        List<Object> outcomes = Race.run(8, () -> {
            try {
                accounts.insert(Fixtures.account(email));
                return "inserted";
            } catch (AisoraException e) {
                return e.code();
            }
        });
        assertEquals(1, outcomes.stream().filter("inserted"::equals).count(), outcomes.toString());
        assertEquals(7, outcomes.stream().filter("email_taken"::equals).count(), outcomes.toString());
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM accounts WHERE email = ?", email));
    }

    @Test
    void sessionsAreFoundByTokenHashAndDeleted() {
        SessionRecord s = new SessionRecord(id(), id(), "f".repeat(32) + id().replace("-", ""), T0, T0.plusSeconds(60));
        sessions.insert(s);
        assertEquals(s, sessions.findByTokenHash(s.tokenHash()).orElseThrow());
        assertTrue(sessions.findByTokenHash("0" + s.tokenHash().substring(1)).isEmpty());
        assertTrue(sessions.delete(s.id()));
        assertFalse(sessions.delete(s.id()));
        assertTrue(sessions.findByTokenHash(s.tokenHash()).isEmpty());
    }

    @Test
    void aLedgerKeyTakesEffectOnce() {
        String user = id();
        long grantsBefore = ledger.balance(GRANTS);
        String key = "grant:" + id();
        assertTrue(ledger.post(Fixtures.grant(key, user, 100)));
        assertFalse(ledger.post(Fixtures.grant(key, user, 100)));
        assertFalse(ledger.post(Fixtures.grant(key, user, 999)));
        assertEquals(100, ledger.balance(available(user)));
        assertEquals(grantsBefore - 100, ledger.balance(GRANTS));
        List<LedgerEntry> entries = ledger.entriesOfTransactions(List.of(key));
        assertEquals(List.of(-100L, 100L), entries.stream().map(LedgerEntry::amount).sorted().toList());
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM ledger_transactions WHERE tx_key = ?", key));
        assertEquals(List.of(), ledger.audit());
    }

    @Test
    void racingPostsOfOneKeyTakeEffectOnce() throws Exception {
        String user = id();
        String key = "grant:" + id();
        List<Object> outcomes = Race.run(8, () -> ledger.post(Fixtures.grant(key, user, 25)));
        assertEquals(1, outcomes.stream().filter(Boolean.TRUE::equals).count(), outcomes.toString());
        assertEquals(25, ledger.balance(available(user)));
        assertEquals(2, db.queryLong("SELECT COUNT(*) FROM ledger_entries WHERE tx_key = ?", key));
    }

    @Test
    void insufficientCreditsWriteNothing() {
        String user = id();
        ledger.post(Fixtures.grant("grant:" + id(), user, 50));
        String key = "hold:" + id();
        InsufficientCreditsException e = assertThrows(InsufficientCreditsException.class,
                () -> ledger.post(Fixtures.hold(key, user, 80)));
        assertEquals("insufficient_credits", e.code());
        assertEquals(402, e.kind().status());
        assertEquals(50, ledger.balance(available(user)));
        assertEquals(0, ledger.balance(held(user)));
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM ledger_transactions WHERE tx_key = ?", key));
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM ledger_entries WHERE tx_key = ?", key));
        assertTrue(ledger.post(Fixtures.hold(key, user, 50)), "a refused key stays usable");
        assertEquals(0, ledger.balance(available(user)));
    }

    @Test
    void entriesComeNewestFirstAndPage() {
        String user = id();
        List<String> keys = List.of("a:" + id(), "b:" + id(), "c:" + id());
        ledger.post(Fixtures.grant(keys.get(0), user, 10));
        ledger.post(Fixtures.hold(keys.get(1), user, 4));
        ledger.post(Fixtures.release(keys.get(2), user, 3));
        List<String> mine = List.of(available(user), held(user));
        List<LedgerEntry> page1 = ledger.entries(mine, 0, 3);
        List<LedgerEntry> page2 = ledger.entries(mine, 3, 3);
        assertEquals(List.of(keys.get(2), keys.get(2), keys.get(1)),
                page1.stream().map(LedgerEntry::transactionKey).toList());
        assertEquals(List.of(keys.get(1), keys.get(0)), page2.stream().map(LedgerEntry::transactionKey).toList());
        assertTrue(page1.get(0).seq() > page1.get(1).seq() && page1.get(2).seq() > page2.get(0).seq());
        assertEquals(T0, page1.get(0).createdAt());
        assertEquals(9, ledger.balance(available(user)));
        assertEquals(1, ledger.balance(held(user)));
    }

    @Test
    void concurrentRandomPostingsKeepTheLedgerExact() throws Exception {
        List<String> users = List.of(id(), id(), id());
        List<String> touched = new ArrayList<>(List.of(GRANTS, REVENUE));
        users.forEach(u -> touched.addAll(List.of(available(u), held(u))));
        Map<String, Long> before = new HashMap<>();
        touched.forEach(a -> before.put(a, ledger.balance(a)));
        String prefix = "stress:" + id() + ":";

        LedgerWorkload.Outcome outcome = LedgerWorkload.run(ledger, prefix, users, 8, 250);

        assertEquals(List.of(), ledger.audit());
        for (String account : touched) {
            assertEquals(before.get(account) + outcome.moved().getOrDefault(account, 0L), ledger.balance(account),
                    account);
        }
        assertTrue(outcome.posted() > 1000 && outcome.refused() > 0 && outcome.duplicates() > 0, outcome.toString());
        assertEquals(outcome.posted(), db.queryLong("SELECT COUNT(*) FROM ledger_transactions WHERE tx_key LIKE ?",
                prefix + "%"));
    }

    @Test
    void auditReportsWhatIsWrong() {
        String user = id();
        String key = "grant:" + id();
        ledger.post(Fixtures.grant(key, user, 30));
        db.update("UPDATE ledger_balances SET balance = ? WHERE ledger_account = ?", -5L, available(user));
        try {
            List<String> violations = ledger.audit();
            assertEquals(2, violations.size(), violations.toString());
            assertTrue(violations.get(0).contains(available(user)) && violations.get(0).contains("-5"));
            assertTrue(violations.get(1).contains("negative"), violations.toString());
        } finally {
            db.update("UPDATE ledger_balances SET balance = ? WHERE ledger_account = ?", 30L, available(user));
        }
        db.update("UPDATE ledger_entries SET amount = ? WHERE tx_key = ? AND amount > 0", 31L, key);
        try {
            assertTrue(ledger.audit().stream().anyMatch(v -> v.contains(key) && v.contains("zero")));
        } finally {
            db.update("UPDATE ledger_entries SET amount = ? WHERE tx_key = ? AND amount > 0", 30L, key);
        }
        assertEquals(List.of(), ledger.audit());
    }

    @Test
    void enqueueWithoutCreditsWritesNoJob() {
        String owner = id();
        ledger.post(Fixtures.grant("grant:" + id(), owner, 10));
        JobRecord job = Fixtures.job(owner, 30, "idem-" + id(), T0);
        assertThrows(InsufficientCreditsException.class,
                () -> jobs.enqueue(job, Fixtures.hold("hold:" + job.id(), owner, 30)));
        assertTrue(jobs.find(job.id()).isEmpty());
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM jobs WHERE owner_id = ?", owner));
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM ledger_transactions WHERE tx_key = ?", "hold:" + job.id()));
        assertEquals(10, ledger.balance(available(owner)));
    }

    @Test
    void attemptsKeepTheirOrderAndVendorRecordAndGoWithTheirJob() {
        String owner = id();
        ledger.post(Fixtures.grant("grant:" + id(), owner, 10));
        JobRecord job = Fixtures.job(owner, 5, null, T0);
        jobs.enqueue(job, Fixtures.hold("hold:" + job.id(), owner, 5));
        JobAttempt failed = new JobAttempt(job.id(), 1, "openai", "failed", "provider_unavailable", 120, 0, T0, "OpenAI",
                "30 days", false, null);
        JobAttempt won = new JobAttempt(job.id(), 2, "runway", "succeeded", null, 900, 250_000, T0.plusSeconds(1),
                "Runway", "see terms", true, "task-" + "x".repeat(250));
        jobs.recordAttempt(won);
        jobs.recordAttempt(failed);
        List<JobAttempt> read = jobs.attempts(job.id());
        assertEquals(List.of(failed, new JobAttempt(job.id(), 2, "runway", "succeeded", null, 900, 250_000,
                T0.plusSeconds(1), "Runway", "see terms", true, ("task-" + "x".repeat(250)).substring(0, 200))), read);
        assertThrows(RuntimeException.class, () -> jobs.recordAttempt(failed), "a (job, seq) is written once");
        assertEquals(List.of(), jobs.attempts(id()));
    }

    @Test
    void aJobRunsAndSettlesExactlyOnce() {
        String owner = id();
        ledger.post(Fixtures.grant("grant:" + id(), owner, 100));
        long revenueBefore = ledger.balance(REVENUE);
        JobRecord job = Fixtures.job(owner, 30, null, T0);
        jobs.enqueue(job, Fixtures.hold("hold:" + job.id(), owner, 30));
        assertEquals(job, jobs.find(job.id()).orElseThrow());
        assertEquals(70, ledger.balance(available(owner)));
        assertEquals(30, ledger.balance(held(owner)));

        assertTrue(jobs.markRunning(job.id(), "builtin", T0.plusSeconds(1)));
        assertFalse(jobs.markRunning(job.id(), "other", T0.plusSeconds(2)));
        JobRecord running = jobs.find(job.id()).orElseThrow();
        assertEquals(JobStatus.RUNNING, running.status());
        assertEquals("builtin", running.provider());
        assertEquals(T0.plusSeconds(1), running.startedAt());

        List<MediaRecord> outputs = List.of(Fixtures.media(owner, job.id(), null, T0),
                Fixtures.media(owner, job.id(), null, T0));
        assertTrue(jobs.complete(new JobCompletion(job.id(), JobStatus.SUCCEEDED, null, null, outputs,
                Fixtures.capture("settle:" + job.id(), owner, 30), T0.plusSeconds(5))));
        assertFalse(jobs.complete(new JobCompletion(job.id(), JobStatus.FAILED, "late", "too late", List.of(),
                Fixtures.release("settle2:" + job.id(), owner, 30), T0.plusSeconds(6))));

        JobRecord done = jobs.find(job.id()).orElseThrow();
        assertEquals(JobStatus.SUCCEEDED, done.status());
        assertEquals(T0.plusSeconds(5), done.completedAt());
        assertEquals(null, done.errorCode());
        assertEquals(2, media.findByJob(job.id()).size());
        assertEquals(70, ledger.balance(available(owner)));
        assertEquals(0, ledger.balance(held(owner)));
        assertEquals(revenueBefore + 30, ledger.balance(REVENUE));
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM ledger_transactions WHERE tx_key = ?",
                "settle2:" + job.id()));
    }

    @Test
    void racingCompletionsSettleOnce() throws Exception {
        String owner = id();
        ledger.post(Fixtures.grant("grant:" + id(), owner, 40));
        JobRecord job = Fixtures.job(owner, 40, null, T0);
        jobs.enqueue(job, Fixtures.hold("hold:" + job.id(), owner, 40));
        jobs.markRunning(job.id(), "builtin", T0);
        // every racer brings its own settlement key: only the job's compare-and-set can stop a double release
        List<Object> outcomes = Race.run(6, () -> jobs.complete(new JobCompletion(job.id(), JobStatus.FAILED,
                "x", "y", List.of(), Fixtures.release("release:" + id(), owner, 40), T0)));
        assertEquals(1, outcomes.stream().filter(Boolean.TRUE::equals).count(), outcomes.toString());
        assertEquals(40, ledger.balance(available(owner)));
        assertEquals(0, ledger.balance(held(owner)));
        assertEquals(List.of(), ledger.audit());
    }

    @Test
    void requeueAndMarkRunningAreCompareAndSet() {
        String owner = id();
        JobRecord job = Fixtures.job(owner, 0, null, T0);
        jobs.enqueue(job, null);
        assertFalse(jobs.requeue(job.id()));
        assertTrue(jobs.markRunning(job.id(), "builtin", T0));
        assertTrue(jobs.requeue(job.id()));
        JobRecord queued = jobs.find(job.id()).orElseThrow();
        assertEquals(JobStatus.QUEUED, queued.status());
        assertEquals(null, queued.provider());
        assertTrue(jobs.markRunning(job.id(), "other", T0.plusSeconds(1)));
        assertFalse(jobs.markRunning(id(), "other", T0));
        assertTrue(jobs.complete(new JobCompletion(job.id(), JobStatus.CANCELED, null, null, List.of(), null, T0)));
        assertFalse(jobs.requeue(job.id()));
        assertFalse(jobs.markRunning(job.id(), "builtin", T0));
    }

    @Test
    void anIdempotencyKeyIsUsedOncePerOwner() {
        String owner = id();
        ledger.post(Fixtures.grant("grant:" + id(), owner, 100));
        JobRecord first = Fixtures.job(owner, 10, "key-1", T0);
        jobs.enqueue(first, Fixtures.hold("hold:" + first.id(), owner, 10));
        JobRecord again = Fixtures.job(owner, 10, "key-1", T0);
        AisoraException e = assertThrows(AisoraException.class,
                () -> jobs.enqueue(again, Fixtures.hold("hold:" + again.id(), owner, 10)));
        assertEquals(409, e.kind().status());
        assertTrue(jobs.find(again.id()).isEmpty());
        assertEquals(90, ledger.balance(available(owner)));
        assertEquals(first.id(), jobs.findByIdempotencyKey(owner, "key-1").orElseThrow().id());
        JobRecord otherOwner = Fixtures.job(id(), 0, "key-1", T0);
        jobs.enqueue(otherOwner, null);
        assertEquals(otherOwner.id(), jobs.findByIdempotencyKey(otherOwner.ownerId(), "key-1").orElseThrow().id());
    }

    @Test
    void jobListsAreOrdered() {
        String owner = id();
        List<JobRecord> mine = List.of(Fixtures.job(owner, 0, null, T0.plusSeconds(1)),
                Fixtures.job(owner, 0, null, T0.plusSeconds(3)), Fixtures.job(owner, 0, null, T0.plusSeconds(2)));
        mine.forEach(j -> jobs.enqueue(j, null));
        assertEquals(List.of(mine.get(1).id(), mine.get(2).id(), mine.get(0).id()),
                jobs.listByOwner(owner, 0, 10).stream().map(JobRecord::id).toList());
        assertEquals(List.of(mine.get(2).id()), jobs.listByOwner(owner, 1, 1).stream().map(JobRecord::id).toList());
        List<String> queued = jobs.listByStatus(JobStatus.QUEUED, 10_000).stream().map(JobRecord::id).toList();
        assertTrue(queued.indexOf(mine.get(0).id()) < queued.indexOf(mine.get(2).id())
                && queued.indexOf(mine.get(2).id()) < queued.indexOf(mine.get(1).id()), "oldest first");
        assertEquals(3, jobs.listRecent(10_000).stream().filter(j -> j.ownerId().equals(owner)).count());
    }

    @Test
    void mediaAndDerivativesRoundTrip() {
        String owner = id();
        MediaRecord upload = Fixtures.media(owner, null, null, T0);
        MediaRecord thumb = Fixtures.media(owner, null, upload.id(), T0.plusMillis(1));
        media.insert(upload);
        media.insert(thumb);
        assertEquals(upload, media.find(upload.id()).orElseThrow());
        assertEquals(List.of(thumb), media.findByParent(upload.id()));
        assertEquals(List.of(), media.findByJob(id()));
        assertTrue(media.find(id()).isEmpty());
    }

    /** The storage quota's figure: every row of the owner (derivatives too), nobody else's, 0 for none. */
    @Test
    void bytesUsedSumsEveryRowOfTheOwner() {
        String owner = id();
        assertEquals(0, media.bytesUsed(owner));
        MediaRecord upload = Fixtures.media(owner, null, null, T0);
        media.insertAll(List.of(upload, Fixtures.media(owner, null, upload.id(), T0.plusMillis(1)),
                Fixtures.media(owner, id(), null, T0.plusMillis(2))));
        media.insert(Fixtures.media(id(), null, null, T0));
        assertEquals(3 * 12_345L, media.bytesUsed(owner));
        assertEquals(3 * 12_345L, media.listByOwner(owner).stream().mapToLong(MediaRecord::bytes).sum(),
                "the same figure as the default method's");
    }
}

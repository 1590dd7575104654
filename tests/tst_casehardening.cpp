// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a hostile case file: the schema check refuses views, triggers and altered tables before any query touches a
// table, the connection runs no view or trigger of the file's, a step budget bounds the open, and verify-case names
// merely missing guards. Each test breaks if its defence is removed.
#include "casefixture.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "store/caseverifier.h"
#include "store/dictionaries.h"
#include "store/rowcodec.h"
#include "store/rowsdigest.h"
#include "store/schema.h"
#include "store/schemacheck.h"
#include "store/sqlitedb.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace capaudit;
using namespace capaudit::test;

namespace {

// Never ends: each row makes the next.
constexpr const char* kEndless =
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";

} // namespace

class TestCaseHardening : public QObject, protected CaseFixture {
    Q_OBJECT

    qint64 m_bundleId = 0;
    QString m_rowsDigest;

    // A copy of the imported case to tamper with.
    QString copy(const QString& name)
    {
        const QString target = path(name + QStringLiteral(".capcase"));
        QFile::remove(target);
        if (!QFile::copy(path(QStringLiteral("base.capcase")), target))
            qWarning() << "cannot copy the base case";
        return target;
    }

private slots:
    void initTestCase()
    {
        initFixture();
        if (QTest::currentTestFailed())
            return;
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("base.capcase"));
        QVERIFY(store);
        const ImportResult r = CaseImporter(*store).importBundle(m_bundle);
        QCOMPARE(r.outcome, ImportOutcome::Imported);
        m_bundleId = r.bundleId;
        m_rowsDigest = (*store->bundleByDigest(r.digest))->rowsDigest;
        const CaseVerification v = verifyCase(*store);
        QVERIFY2(v.intact(), qPrintable(listed(v.problems)));
        // One file, no -wal beside it: copies are whole cases.
        QVERIFY(store->database().exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
    }

    // Each is refused by CaseStore::open with a message naming the object; verify-case reports the same.
    void hostileSchemaRefused_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("named");
        QTest::newRow("recursive view") << QStringLiteral(
            "DROP TRIGGER case_info_no_update; DROP TRIGGER case_info_no_delete; "
            "ALTER TABLE case_info RENAME TO case_info_old; CREATE VIEW case_info AS WITH RECURSIVE c(x) AS "
            "(SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT 1 AS id, 'u' AS case_uuid, 'n' AS name, "
            "'t' AS created_at FROM c WHERE x < 0")
                                        << QStringLiteral("view case_info is not a table");
        QTest::newRow("attacker trigger")
            << QStringLiteral("CREATE TRIGGER audit_copy AFTER INSERT ON audit_trail BEGIN "
                              "INSERT INTO providers (name) VALUES ('mallory'); END")
            << QStringLiteral("trigger audit_copy is not part of CapAudit's schema");
        QTest::newRow("allocated and used swapped") << QStringLiteral(
            "ALTER TABLE samples RENAME COLUMN allocated TO swap; ALTER TABLE samples RENAME COLUMN used TO "
            "allocated; ALTER TABLE samples RENAME COLUMN swap TO used")
                                                    << QStringLiteral("column samples.allocated renamed");
        QTest::newRow("extra view") << QStringLiteral("CREATE VIEW everything AS SELECT * FROM samples")
                                    << QStringLiteral("view everything is not part");
        QTest::newRow("trigger rewritten") << QStringLiteral(
            "DROP TRIGGER samples_no_update; CREATE TRIGGER samples_no_update BEFORE UPDATE ON samples "
            "BEGIN SELECT 1; END") << QStringLiteral("trigger samples_no_update altered");
        QTest::newRow("default added") << QStringLiteral("ALTER TABLE bundles ADD COLUMN note TEXT DEFAULT 'x'")
                                       << QStringLiteral("column bundles.note is not part");
    }
    void hostileSchemaRefused()
    {
        QFETCH(QString, sql);
        QFETCH(QString, named);
        const QString file = copy(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_'));
        QCOMPARE(execSql(file, sql), QString());
        QElapsedTimer timer;
        timer.start();
        QList<SchemaProblem> refused;
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file, &refused);
        QVERIFY2(!store, "a case with a foreign schema object was opened");
        QVERIFY2(store.error().toString().contains(named), qPrintable(store.error().toString()));
        QVERIFY(std::any_of(
            refused.cbegin(), refused.cend(), [&](const SchemaProblem& p) { return p.toString().contains(named); }));
        QVERIFY(timer.elapsed() < 10000);
    }

    // The connection itself runs no view and no trigger of the file's, even if one got past the check (added later
    // by another process, say).
    // The reference of the current version is built in at build time; it must be exactly what the migrations make
    // now, and a case still has to match it object by object.
    void builtReferenceIsWhatTheMigrationsMake()
    {
        const int version = schema::currentVersion();
        Result<SchemaSnapshot> built = schema::reference(version);
        Result<SchemaSnapshot> computed = schema::computeReference(version);
        QVERIFY(built.ok() && computed.ok());
        QVERIFY(computed->size() > 20);
        QCOMPARE(built->keys(), computed->keys());
        for (const SchemaObject& o : *computed)
            QVERIFY2(built->value(o.name) == o, qPrintable(o.name));
        Result<SchemaSnapshot> back = schema::snapshotFromJson(schema::snapshotToJson(*computed));
        QVERIFY(back.ok() && *back == *computed);
        QVERIFY(!schema::snapshotFromJson("{\"not\": \"a list\"}").ok());
    }

    void connectionRunsNoViewOrTrigger()
    {
        const QString file = path(QStringLiteral("plain.db"));
        QFile empty(file); // an empty file is an empty database
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QCOMPARE(execSql(file,
                     QStringLiteral("CREATE TABLE t (x); CREATE TABLE log (x); CREATE TRIGGER t_log AFTER INSERT ON t "
                                    "BEGIN INSERT INTO log VALUES (new.x); END; CREATE VIEW answer AS SELECT 42")),
            QString());
        sql::Database db;
        QVERIFY(db.open(file, sql::Database::Mode::OpenExisting).ok());
        QVERIFY(db.exec("INSERT INTO t VALUES (1)").ok());
        QCOMPARE(*db.queryInt("SELECT count(*) FROM log"), 0);
        Result<qint64> viewed = db.queryInt("SELECT * FROM answer");
        QVERIFY2(!viewed, "a view of the file's ran on CapAudit's connection");
        QVERIFY2(viewed.error().toString().contains(QLatin1String("view")), qPrintable(viewed.error().toString()));
        // DEFENSIVE: the schema table cannot be written, even with writable_schema.
        (void)db.exec("PRAGMA writable_schema = ON");
        QVERIFY(!db.exec("UPDATE sqlite_master SET sql = 'x' WHERE name = 't'").ok());
    }

    // The step budget ends an endless query instead of hanging; a watchdog interrupts it if the budget is gone.
    void stepBudgetEndsEndlessQuery()
    {
        sql::Database db;
        QVERIFY(db.open(QStringLiteral(":memory:"), sql::Database::Mode::Create).ok());
        std::atomic_bool done { false }, watchdogFired { false };
        std::thread watchdog([&] {
            for (int i = 0; i < 300 && !done; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            if (!done) {
                watchdogFired = true;
                sqlite3_interrupt(db.handle());
            }
        });
        Result<qint64> count = [&] {
            sql::StepBudget budget(db, CaseStore::kOpenBudget);
            return db.queryInt(kEndless);
        }();
        done = true;
        watchdog.join();
        QVERIFY(!count);
        QVERIFY2(!watchdogFired, "the query ran until the watchdog stopped it: no step budget");
        // Outside the budget, queries run unbounded again.
        QCOMPARE(*db.queryInt("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) "
                              "SELECT count(*) FROM c"),
            300000);
    }

    // Missing triggers only remove a guard: the case opens, and verify-case names each one.
    void droppedTriggersReported()
    {
        const QString file = copy(QStringLiteral("dropped"));
        QCOMPARE(execSql(file, dropTriggersSql()), QString());
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        QVERIFY2(store, qPrintable(store.error().toString()));
        const CaseVerification v = verifyCase(**store);
        QVERIFY(!v.intact());
        QVERIFY2(names(v.problems, QStringLiteral("schema trigger samples_no_update: missing")),
            qPrintable(listed(v.problems)));
        QVERIFY(names(v.problems, QStringLiteral("trigger audit_trail_no_delete: missing")));
    }

    // The rows digest reads columns by name: with allocated and used swapped it no longer matches, even read
    // without the schema check (samples as cases before schema 8 stored them, one row each).
    void rowsDigestReadsColumnsByName()
    {
        const QString file = copy(QStringLiteral("swapped"));
        QCOMPARE(downgradeToVersion7(file), QString());
        QCOMPARE(execSql(file,
                     QStringLiteral("ALTER TABLE samples RENAME COLUMN allocated TO swap; ALTER TABLE samples RENAME "
                                    "COLUMN used TO allocated; ALTER TABLE samples RENAME COLUMN swap TO used")),
            QString());
        sql::Database db;
        QVERIFY(db.open(file, sql::Database::Mode::OpenExisting).ok());
        QVERIFY(schema::migrate(db).ok()); // what opening the case does: the (empty) sample_blocks table appears
        Dictionaries dictionaries(db);
        QVERIFY(dictionaries.loadAll().ok());
        RowCodec codec(db, dictionaries);
        RowsDigest digest;
        const Status read = codec.digestStored(m_bundleId, digest);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
        QVERIFY(digest.rows() > 0);
        QVERIFY2(digest.finish() != m_rowsDigest, "swapped columns give the digest recorded at import");
    }

    // The checks above find nothing in a copy nobody touched.
    void untouchedCopyStaysIntact()
    {
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(copy(QStringLiteral("untouched")));
        QVERIFY2(store, qPrintable(store.error().toString()));
        const CaseVerification v = verifyCase(**store);
        QVERIFY2(v.intact(), qPrintable(listed(v.problems)));
    }
};

QTEST_GUILESS_MAIN(TestCaseHardening)

#include "tst_casehardening.moc"

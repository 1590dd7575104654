// SPDX-License-Identifier: GPL-3.0-or-later
// The case file: schema and migrations, import (verified, rejected, untrusted, failed, cancelled, repeated), audit
// trail, append-only triggers, verify-case tamper detection, rollups of imported bundles (RollupBuilder itself:
// tst_rollups), queries, and crash safety under SIGKILL.
#include "crypto/certificatebuilder.h"
#include "crypto/digest.h"
#include "evidence/bundlewriter.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "store/caseverifier.h"
#include "store/schema.h"
#include "store/sqlitedb.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace capaudit;

namespace {

constexpr qint64 kStart = 1767225600; // 2026-01-01T00:00:00Z
constexpr qint64 kStep = 300;

struct Pki {
    crypto::PrivateKey rootKey, signerKey;
    crypto::Certificate root, signer;
    TrustAnchor anchor;
};

Pki makePki(const QString& name)
{
    Pki pki;
    pki.rootKey = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
    pki.signerKey = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
    crypto::CertificateRequest root;
    root.commonName = name + QStringLiteral(" Root CA");
    root.isCa = true;
    root.keyCertSign = true;
    root.notBefore = QDateTime::fromSecsSinceEpoch(kStart - 86400 * 365, Qt::UTC);
    root.notAfter = QDateTime::fromSecsSinceEpoch(kStart + 86400 * 3650, Qt::UTC);
    pki.root = *crypto::issueCertificate(root, pki.rootKey.publicKey(), pki.rootKey);
    crypto::CertificateRequest signer;
    signer.commonName = name + QStringLiteral(" Meter");
    signer.notBefore = root.notBefore;
    signer.notAfter = root.notAfter;
    pki.signer = *crypto::issueCertificate(signer, pki.signerKey.publicKey(), pki.rootKey, pki.root);
    pki.anchor = *TrustStore::anchorFromBytes(name.toLower() + QStringLiteral("-root.pem"), pki.root.toPem(),
        name + QStringLiteral(" root"), QLatin1String(roles::kProvider));
    return pki;
}

QString iso(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

QJsonObject period(qint64 start, qint64 end)
{
    return { { QStringLiteral("start"), iso(start) }, { QStringLiteral("end"), iso(end) } };
}

// Native usage CSV: per step and node one node row (capacity, state) and one row per tenant (allocated, used).
QByteArray usageCsv(qint64 start, int steps, int nodes, int tenants)
{
    QByteArray csv = "time,node,resource_class,tenant,allocated,used,capacity,state\n";
    for (int s = 0; s < steps; ++s) {
        const QByteArray time = iso(start + s * kStep).toLatin1();
        for (int n = 0; n < nodes; ++n) {
            const QByteArray node = "node-" + QByteArray::number(n);
            csv += time + ',' + node + ",cpu,,,,64," + (s % 97 == 5 && n == 1 ? "down" : "up") + '\n';
            for (int t = 0; t < tenants; ++t) {
                const double allocated = 4 + (s * 7 + n * 3 + t) % 11;
                csv += time + ',' + node + ",cpu,tenant-" + QByteArray::number(t) + ',' + QByteArray::number(allocated)
                    + ',' + QByteArray::number(allocated * 0.75, 'f', 2) + ",,\n";
            }
        }
    }
    return csv;
}

QString writeTelemetry(
    const Pki& pki, const QString& out, const QString& provider, const QByteArray& csv, qint64 start, int steps)
{
    BundleSpec spec;
    spec.kind = BundleKind::Telemetry;
    spec.predicate = { { QStringLiteral("provider"), provider },
        { QStringLiteral("meter"), QStringLiteral("provider") },
        { QStringLiteral("period"), period(start, start + steps * kStep) },
        { QStringLiteral("resolutionSeconds"), kStep },
        { QStringLiteral("payloads"),
            QJsonArray { QJsonObject { { QStringLiteral("path"), QStringLiteral("data/usage.csv") },
                { QStringLiteral("format"), QStringLiteral("capaudit-usage-csv/v1") } } } } };
    spec.files = { { QStringLiteral("usage.csv"), csv } };
    spec.key = pki.signerKey;
    spec.chain = { pki.signer };
    spec.signedAt = QDateTime::fromSecsSinceEpoch(kStart + 86400 * 40, Qt::UTC);
    const Status written = writeBundle(spec, out);
    if (!written)
        qWarning() << written.error().toString();
    return out;
}

QString writeAttestation(const Pki& pki, const QString& out, const QString& provider)
{
    BundleSpec spec;
    spec.kind = BundleKind::Attestation;
    const QJsonObject contract { { QStringLiteral("id"), QStringLiteral("C-1") },
        { QStringLiteral("buyer"), QStringLiteral("Buyer GmbH") },
        { QStringLiteral("currency"), QStringLiteral("EUR") },
        { QStringLiteral("period"), period(kStart, kStart + 86400 * 31) },
        { QStringLiteral("allowedJurisdictions"), QJsonArray { QStringLiteral("DE") } } };
    spec.predicate = {
        { QStringLiteral("provider"), provider },
        { QStringLiteral("contract"), contract },
        { QStringLiteral("tenants"),
            QJsonArray { QJsonObject { { QStringLiteral("id"), QStringLiteral("tenant-0") },
                { QStringLiteral("name"), QStringLiteral("Research") } } } },
        { QStringLiteral("commitments"),
            QJsonArray { QJsonObject { { QStringLiteral("resourceClass"), QStringLiteral("cpu") },
                { QStringLiteral("region"), QStringLiteral("eu-central") },
                { QStringLiteral("unit"), QStringLiteral("cores") }, { QStringLiteral("quantity"), 100 },
                { QStringLiteral("overcommitLimit"), 1.25 } } } },
        { QStringLiteral("nodes"),
            QJsonArray { QJsonObject { { QStringLiteral("id"), QStringLiteral("node-0") },
                { QStringLiteral("hardwareClass"), QStringLiteral("cpu-epyc") },
                { QStringLiteral("region"), QStringLiteral("eu-central") },
                { QStringLiteral("jurisdiction"), QStringLiteral("DE") },
                { QStringLiteral("capacity"), QJsonObject { { QStringLiteral("cpu"), 64 } } } } } },
        { QStringLiteral("sla"),
            QJsonObject { { QStringLiteral("availabilityTarget"), 0.995 },
                { QStringLiteral("measurementWindow"), QStringLiteral("P30D") },
                { QStringLiteral("creditPercent"), 10 } } },
        { QStringLiteral("prices"),
            QJsonArray { QJsonObject { { QStringLiteral("resourceClass"), QStringLiteral("cpu") },
                { QStringLiteral("unit"), QStringLiteral("core-hour") }, { QStringLiteral("unitPrice"), 0.04 },
                { QStringLiteral("currency"), QStringLiteral("EUR") } } } },
    };
    spec.files = { { QStringLiteral("contract.txt"), QByteArray("Master services agreement C-1\n") } };
    spec.key = pki.signerKey;
    spec.chain = { pki.signer };
    spec.signedAt = QDateTime::fromSecsSinceEpoch(kStart + 86400 * 2, Qt::UTC);
    const Status written = writeBundle(spec, out);
    if (!written)
        qWarning() << written.error().toString();
    return out;
}

// Direct SQL, bypassing the store: what someone with the sqlite3 shell could do.
qint64 scalar(const QString& path, const QString& sql)
{
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* stmt = nullptr;
    qint64 value = -1;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    else
        qWarning() << "query failed:" << sql << sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

QString execSql(const QString& path, const QString& sql)
{
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr);
    char* message = nullptr;
    QString error;
    if (sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &message) != SQLITE_OK)
        error = QString::fromUtf8(message ? message : "error");
    sqlite3_free(message);
    sqlite3_close(db);
    return error;
}

QString dropTriggersSql()
{
    QString sql;
    for (const char* const* t = schema::evidenceTables(); *t; ++t)
        sql += QStringLiteral("DROP TRIGGER %1_no_update; DROP TRIGGER %1_no_delete;").arg(QLatin1String(*t));
    return sql;
}

// Child mode for the crash test: imports every BUNDLE into CASE and exits.
int importChild(const QStringList& args)
{
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(args.at(0));
    if (!store)
        return 2;
    CaseImporter importer(**store);
    for (const QString& bundle : args.mid(1)) {
        if (!importer.importBundle(bundle).ok())
            return 1;
    }
    return 0;
}

} // namespace

class TestCaseStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Pki m_provider, m_stranger;
    QString m_bundle, m_attestation, m_untrusted, m_tampered, m_badRow;
    QByteArray m_csv;

    QString path(const QString& name) const
    {
        return m_dir.filePath(name);
    }
    std::unique_ptr<CaseStore> newCase(const QString& name)
    {
        Result<std::unique_ptr<CaseStore>> store =
            CaseStore::create(path(name), QStringLiteral("Test case"), { m_provider.anchor });
        if (!store)
            qWarning() << store.error().toString();
        return store ? std::move(store).value() : nullptr;
    }
    QStringList problems(CaseStore& store)
    {
        QStringList out;
        for (const CaseProblem& p : verifyCase(store).problems)
            out << p.toString();
        return out;
    }

    // Every rollup row of the case FILE equals the aggregate of the raw samples it summarises.
    void checkRollupsMatchRawRows(const QString& file)
    {
        for (const qint64 level : kRollupLevels) {
            // Every rollup row equals the aggregate of the raw samples it summarises.
            const QString mismatches = QStringLiteral(
                "SELECT count(*) FROM rollups r LEFT JOIN (SELECT resource, tenant, time - time % %1 AS bucket, "
                " count(*) AS n, count(DISTINCT time) AS steps, sum(allocated) AS a, sum(used) AS u, sum(capacity) AS "
                "c "
                " FROM samples GROUP BY resource, tenant, bucket) s "
                "ON s.resource = r.resource AND s.tenant = r.tenant AND s.bucket = r.bucket "
                "WHERE r.level = %1 AND (s.n IS NOT r.samples OR s.steps IS NOT r.steps "
                " OR abs(coalesce(s.a, 0) - coalesce(r.sum_allocated, 0)) > 1e-6 "
                " OR abs(coalesce(s.u, 0) - coalesce(r.sum_used, 0)) > 1e-6 "
                " OR abs(coalesce(s.c, 0) - coalesce(r.sum_capacity, 0)) > 1e-6)")
                                           .arg(level);
            QCOMPARE(scalar(file, mismatches), qint64(0));
            const QString peaks = QStringLiteral(
                "SELECT count(*) FROM rollups r WHERE r.level = %1 AND r.tenant <> 0 AND abs(r.max_allocated - "
                "(SELECT max(a) FROM (SELECT sum(allocated) AS a FROM samples s WHERE s.tenant = r.tenant "
                " AND s.resource = r.resource AND s.time >= r.bucket AND s.time < r.bucket + %1 GROUP BY s.time))) "
                "> 1e-9")
                                      .arg(level);
            QCOMPARE(scalar(file, peaks), qint64(0));
            const QString groups =
                QStringLiteral("SELECT count(*) FROM (SELECT DISTINCT resource, tenant, time - time % %1 "
                               "FROM samples)")
                    .arg(level);
            QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM rollups WHERE level = %1").arg(level)),
                scalar(file, groups));
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_provider = makePki(QStringLiteral("Provider A"));
        m_stranger = makePki(QStringLiteral("Stranger"));
        m_csv = usageCsv(kStart, 300, 4, 3); // 300 steps x 4 nodes x (1 + 3) rows, spans two days
        m_bundle = writeTelemetry(
            m_provider, path(QStringLiteral("telemetry.tar.gz")), QStringLiteral("provider-a"), m_csv, kStart, 300);
        m_attestation = writeAttestation(m_provider, path(QStringLiteral("attestation")), QStringLiteral("provider-a"));
        m_untrusted = writeTelemetry(m_stranger, path(QStringLiteral("stranger")), QStringLiteral("provider-s"),
            usageCsv(kStart, 10, 1, 1), kStart, 10);
        m_tampered = writeTelemetry(m_provider, path(QStringLiteral("tampered")), QStringLiteral("provider-a"),
            usageCsv(kStart, 10, 1, 1), kStart, 10);
        QByteArray edited = usageCsv(kStart, 10, 1, 1);
        edited.replace(",up\n", ",down\n");
        QFile payload(m_tampered + QStringLiteral("/data/usage.csv"));
        QVERIFY(payload.open(QIODevice::WriteOnly));
        payload.write(edited);
        payload.close();
        QByteArray bad = usageCsv(kStart, 20, 2, 2);
        bad.insert(bad.indexOf('\n', 500) + 1, "2026-01-01T00:10:00Z,node-0,cpu,tenant-0,lots,1,,\n");
        m_badRow =
            writeTelemetry(m_provider, path(QStringLiteral("badrow")), QStringLiteral("provider-a"), bad, kStart, 20);
    }

    void createAndOpen()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("create.capcase"));
        QVERIFY(store);
        QCOMPARE(store->info().name, QStringLiteral("Test case"));
        QCOMPARE(store->info().schemaVersion, schema::currentVersion());
        const QString id = store->info().id;
        store.reset();
        const QString file = path(QStringLiteral("create.capcase"));
        QCOMPARE(scalar(file, QStringLiteral("PRAGMA application_id")), qint64(schema::kApplicationId));
        QCOMPARE(scalar(file, QStringLiteral("PRAGMA user_version")), qint64(schema::currentVersion()));
        QCOMPARE(
            scalar(file, QStringLiteral("SELECT count(*) FROM schema_migrations")), qint64(schema::currentVersion()));
        Result<std::unique_ptr<CaseStore>> reopened = CaseStore::open(file);
        QVERIFY2(reopened, qPrintable(reopened.error().toString()));
        QCOMPARE((*reopened)->info().id, id);
        Result<QList<TrailEntry>> trail = (*reopened)->trail();
        QVERIFY(trail);
        QCOMPARE(trail->size(), 2);
        QCOMPARE(trail->at(0).action, QLatin1String(trail::kCaseCreated));
        QCOMPARE(trail->at(1).action, QLatin1String(trail::kAnchorAdded));
        QVERIFY(!CaseStore::create(file, QStringLiteral("again"), {}));
    }

    void refusesNonCases_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text file") << QByteArray("time,node\n1,2\n") << QString()
                                   << QStringLiteral("not a CapAudit case");
        QTest::newRow("empty file") << QByteArray() << QString() << QStringLiteral("not a CapAudit case");
        QTest::newRow("other sqlite db") << QByteArray()
                                         << QStringLiteral("CREATE TABLE t (x); PRAGMA application_id = 7;")
                                         << QStringLiteral("application_id is 0x00000007");
        QTest::newRow("plain sqlite db") << QByteArray() << QStringLiteral("CREATE TABLE t (x);")
                                         << QStringLiteral("not a CapAudit case");
    }
    void refusesNonCases()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        const QString file =
            path(QStringLiteral("noncase-%1").arg(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        if (!sql.isEmpty()) {
            QFile::remove(file);
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(file.toUtf8().constData(), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close(db);
        }
        const QByteArray before = test::readAll(file);
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        QVERIFY(!store);
        QVERIFY2(store.error().toString().contains(expected), qPrintable(store.error().toString()));
        QCOMPARE(test::readAll(file), before); // refused without touching it
    }

    void refusesNewerSchema()
    {
        QVERIFY(newCase(QStringLiteral("newer.capcase")));
        const QString file = path(QStringLiteral("newer.capcase"));
        QCOMPARE(execSql(file, QStringLiteral("PRAGMA user_version = 99")), QString());
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        QVERIFY(!store);
        QVERIFY2(store.error().reason.contains(QLatin1String("newer")), qPrintable(store.error().toString()));
    }

    // A version 2 case (before node-hour aggregates) is migrated forward on open: the new tables come with their
    // append-only triggers, and bundles imported from then on get aggregates that verify-case accepts.
    void migratesVersion2Case()
    {
        QVERIFY(newCase(QStringLiteral("v2.capcase")));
        const QString file = path(QStringLiteral("v2.capcase"));
        QCOMPARE(execSql(file,
                     QStringLiteral("DROP TABLE node_hours; DROP TABLE node_hours_built; "
                                    "DELETE FROM schema_migrations WHERE version = 3; PRAGMA user_version = 2")),
            QString());
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name LIKE 'node_hours%'")),
            qint64(0));
        {
            Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
            QVERIFY2(store, qPrintable(store ? QString() : store.error().toString()));
            QCOMPARE(CaseImporter(**store).importBundle(m_bundle).outcome, ImportOutcome::Imported);
            QVERIFY(verifyCase(**store).intact());
        }
        QCOMPARE(scalar(file, QStringLiteral("PRAGMA user_version")), qint64(schema::currentVersion()));
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM schema_migrations WHERE version = 3")), qint64(1));
        QVERIFY(scalar(file, QStringLiteral("SELECT count(*) FROM node_hours")) > 0);
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM node_hours_built")), qint64(1));
        QVERIFY(execSql(file, QStringLiteral("UPDATE node_hours SET rows = 0")).contains(QLatin1String("append-only")));
    }

    void importsAndReimports()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("import.capcase"));
        QVERIFY(store);
        CaseImporter importer(*store);
        QList<double> fractions;
        ImportOptions options;
        options.progress = [&](double f, const QString&) { fractions << f; };
        const ImportResult r = importer.importBundle(m_bundle, options);
        QVERIFY2(r.outcome == ImportOutcome::Imported, qPrintable(r.error.toString() + r.verdict.summary()));
        QCOMPARE(r.rows, qint64(300 * 4 * 4));
        QVERIFY(!fractions.isEmpty());
        QCOMPARE(fractions.last(), 1.0);
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));

        const QString file = path(QStringLiteral("import.capcase"));
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM samples")), r.rows);
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM samples WHERE state = 2")), qint64(4)); // "down"
        Result<QList<StoredBundle>> bundles = store->bundles();
        QVERIFY(bundles);
        QCOMPARE(bundles->size(), 1);
        const StoredBundle b = bundles->first();
        QCOMPARE(b.digest, r.digest);
        QCOMPARE(b.provider, QStringLiteral("provider-a"));
        QCOMPARE(b.verdict, VerdictKind::Verified);
        QVERIFY(!b.untrusted());
        QCOMPARE(b.rowCount, r.rows);
        QCOMPARE(b.resolutionSeconds, kStep);
        QCOMPARE(b.details.verdict, VerdictKind::Verified);
        QVERIFY(b.signerSubject.contains(QLatin1String("Provider A Meter")));

        // Every bundle file is stored byte for byte; the payload is the CSV that was signed.
        Result<QList<BundleFileRef>> files = store->bundleFiles(b.id);
        QVERIFY(files);
        bool sawPayload = false;
        for (const BundleFileRef& f : *files) {
            QByteArray bytes;
            QVERIFY(store->readBlob(f.blobId, [&](QByteArrayView chunk) {
                bytes += chunk;
                return Status();
            }));
            QCOMPARE(bytes.size(), f.size);
            QCOMPARE(QString::fromLatin1(crypto::sha256(bytes).toHex()), f.sha256);
            if (f.path == u"data/usage.csv") {
                QCOMPARE(bytes, m_csv);
                sawPayload = true;
            }
        }
        QVERIFY(sawPayload);

        QCOMPARE(*store->providers(), QStringList { QStringLiteral("provider-a") });
        QCOMPARE(*store->resourceClasses(), QStringList { QStringLiteral("cpu") });
        QCOMPARE(*store->tenants(),
            (QStringList { QStringLiteral("tenant-0"), QStringLiteral("tenant-1"), QStringLiteral("tenant-2") }));
        QCOMPARE(store->nodes()->size(), 4);
        const Period covered = *store->periodCovered();
        QCOMPARE(covered.start, kStart);
        QCOMPARE(covered.end, kStart + 300 * kStep);

        const qint64 trailBefore = store->trail()->size();
        const ImportResult again = importer.importBundle(m_bundle);
        QCOMPARE(again.outcome, ImportOutcome::AlreadyPresent);
        QCOMPARE(again.bundleId, b.id);
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM samples")), r.rows);
        QCOMPARE(store->trail()->size(), trailBefore);
        const QStringList found = problems(*store);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }

    void rollupsMatchRawRows()
    {
        checkRollupsMatchRawRows(path(QStringLiteral("import.capcase")));
    }

    void importUnsortedRebuildsRollups_data()
    {
        QTest::addColumn<QString>("order");
        QTest::newRow("two time-ordered runs") << QStringLiteral("rotated"); // merged from the store
        QTest::newRow("shuffled") << QStringLiteral("shuffled"); // too many runs: rebuilt in memory from the store
        QTest::newRow("reversed") << QStringLiteral("reversed"); // never a later hour: nothing folded before finish()
    }

    // Native CSV rows need not be sorted: the rollups of a bundle whose rows go back in time are rebuilt from the
    // stored samples, exactly as verify-case rebuilds them.
    void importUnsortedRebuildsRollups()
    {
        QFETCH(QString, order);
        QList<QByteArray> lines = usageCsv(kStart, 300, 2, 2).split('\n');
        const QByteArray header = lines.takeFirst();
        lines.removeLast(); // after the last newline
        if (order == u"rotated")
            std::rotate(lines.begin(), lines.begin() + lines.size() / 2, lines.end());
        else if (order == u"shuffled")
            std::shuffle(lines.begin(), lines.end(), std::mt19937(11));
        else
            std::reverse(lines.begin(), lines.end());
        const QByteArray csv = header + '\n' + lines.join('\n') + '\n';
        const QString bundle = writeTelemetry(
            m_provider, path(order + QStringLiteral("-bundle")), QStringLiteral("provider-a"), csv, kStart, 300);
        std::unique_ptr<CaseStore> store = newCase(order + QStringLiteral(".capcase"));
        QVERIFY(store);
        CaseImporter importer(*store);
        const ImportResult r = importer.importBundle(bundle);
        QVERIFY2(r.ok(), qPrintable(r.error.toString()));
        QCOMPARE(r.rows, qint64(lines.size()));
        checkRollupsMatchRawRows(path(order + QStringLiteral(".capcase")));
        if (QTest::currentTestFailed())
            return;
        const QStringList found = problems(*store);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }

    void seriesPicksLevel_data()
    {
        QTest::addColumn<qint64>("to");
        QTest::addColumn<int>("maxPoints");
        QTest::addColumn<int>("level");
        QTest::addColumn<int>("points");
        QTest::newRow("raw") << kStart + 100 * kStep << 200 << int(SeriesLevel::Raw) << 100;
        QTest::newRow("hourly") << kStart + 300 * kStep << 100 << int(SeriesLevel::Hourly) << 25;
        QTest::newRow("daily") << kStart + 300 * kStep << 10 << int(SeriesLevel::Daily) << 2;
    }
    void seriesPicksLevel()
    {
        QFETCH(qint64, to);
        QFETCH(int, maxPoints);
        QFETCH(int, level);
        QFETCH(int, points);
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(path(QStringLiteral("import.capcase")));
        QVERIFY(store);
        SeriesQuery q { QStringLiteral("provider-a"), QStringLiteral("cpu"), kStart, to, maxPoints };
        Result<TimeSeries> s = (*store)->series(q);
        QVERIFY2(s, qPrintable(s.error().toString()));
        QCOMPARE(int(s->level), level);
        QCOMPARE(s->times.size(), points);
        QCOMPARE(s->tenants.size(), 3);
        QCOMPARE(s->capacity.first(), 4 * 64.0);
        // Mean allocation over a bucket equals the mean of the raw per-step totals in it.
        q.to = q.from + s->stepSeconds;
        q.maxPoints = 100000;
        Result<TimeSeries> raw = (*store)->series(q);
        QVERIFY(raw);
        QCOMPARE(raw->level, SeriesLevel::Raw);
        double sum = 0;
        for (double v : raw->tenants.first().allocated)
            sum += v;
        QVERIFY(std::abs(sum / raw->times.size() - s->tenants.first().allocated.first()) < 1e-9);
    }

    void attestationAndCoverage()
    {
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(path(QStringLiteral("import.capcase")));
        QVERIFY(store);
        const ImportResult r = CaseImporter(**store).importBundle(m_attestation);
        QVERIFY2(r.outcome == ImportOutcome::Imported, qPrintable(r.error.toString() + r.verdict.summary()));
        QCOMPARE(r.rows, qint64(6)); // contract, sla, tenant, commitment, node, price
        Result<QList<CommitmentLine>> lines =
            (*store)->commitments(QStringLiteral("provider-a"), QStringLiteral("cpu"));
        QVERIFY(lines);
        QCOMPARE(lines->size(), 1);
        QCOMPARE(lines->first().quantity, 100.0);
        QCOMPARE(lines->first().overcommitLimit, 1.25);
        QCOMPARE(lines->first().bundleDigest, r.digest);
        Result<TimeSeries> s =
            (*store)->series({ QStringLiteral("provider-a"), QStringLiteral("cpu"), kStart, kStart + 3600 });
        QVERIFY(s);
        QCOMPARE(s->commitments.size(), 1);

        Result<QList<CoverageBucket>> cover =
            (*store)->coverage(QStringLiteral("provider-a"), kStart, kStart + 3 * 86400, SeriesLevel::Hourly);
        QVERIFY(cover);
        QCOMPARE(cover->size(), 72);
        QCOMPARE(cover->at(0).status, CoverageBucket::Status::Verified);
        QCOMPARE(cover->at(0).verifiedSteps, 12);
        QCOMPARE(cover->at(24).status, CoverageBucket::Status::Verified); // 300 steps of 5 minutes: 25 hours
        QCOMPARE(cover->at(25).status, CoverageBucket::Status::Missing);
        const QStringList found = problems(**store);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }

    void rejectedIsRecordedNotImported()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("rejected.capcase"));
        QVERIFY(store);
        const ImportResult r = CaseImporter(*store).importBundle(m_tampered);
        QCOMPARE(r.outcome, ImportOutcome::Rejected);
        QVERIFY(r.trailSeq > 0);
        QVERIFY(store->bundles()->isEmpty());
        QCOMPARE(
            scalar(path(QStringLiteral("rejected.capcase")), QStringLiteral("SELECT count(*) FROM blobs")), qint64(0));
        const TrailEntry last = store->trail()->last();
        QCOMPARE(last.action, QLatin1String(trail::kImportRejected));
        QCOMPARE(last.details.value(QStringLiteral("digest")).toString(), r.digest);
        const QJsonArray reasons = last.details.value(QStringLiteral("reasons")).toArray();
        QVERIFY(!reasons.isEmpty());
        QVERIFY(QString::fromUtf8(QJsonDocument(reasons).toJson()).contains(QLatin1String("usage.csv")));
    }

    void untrustedNeedsExplicitFlag()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("untrusted.capcase"));
        QVERIFY(store);
        CaseImporter importer(*store);
        const ImportResult refused = importer.importBundle(m_untrusted);
        QCOMPARE(refused.outcome, ImportOutcome::UntrustedRefused);
        QCOMPARE(store->trail()->last().action, QLatin1String(trail::kImportRefused));
        QVERIFY(store->bundles()->isEmpty());
        ImportOptions allow;
        allow.allowUntrusted = true;
        const ImportResult imported = importer.importBundle(m_untrusted, allow);
        QCOMPARE(imported.outcome, ImportOutcome::Imported);
        const StoredBundle b = store->bundles()->first();
        QVERIFY(b.untrusted());
        QCOMPARE(scalar(path(QStringLiteral("untrusted.capcase")), QStringLiteral("SELECT untrusted FROM bundles")),
            qint64(1));
        // Untrusted data stays out of series unless asked for.
        SeriesQuery q { QStringLiteral("provider-s"), QStringLiteral("cpu"), kStart, kStart + 3600 };
        q.includeUntrusted = false;
        QVERIFY(store->series(q)->times.isEmpty());
        q.includeUntrusted = true;
        QCOMPARE(store->series(q)->times.size(), 10);
        QCOMPARE(
            store->coverage(QStringLiteral("provider-s"), kStart, kStart + 3600, SeriesLevel::Hourly)->first().status,
            CoverageBucket::Status::Untrusted);
        const QStringList found = problems(*store);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }

    void parseErrorRollsBackEverything()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("badrow.capcase"));
        QVERIFY(store);
        const QString file = path(QStringLiteral("badrow.capcase"));
        const ImportResult r = CaseImporter(*store).importBundle(m_badRow);
        QCOMPARE(r.outcome, ImportOutcome::Failed);
        QCOMPARE(r.error.file, QStringLiteral("data/usage.csv"));
        QVERIFY(r.error.line > 1);
        QCOMPARE(r.error.field, QStringLiteral("allocated"));
        for (const char* table :
            { "bundles", "samples", "blobs", "blob_chunks", "bundle_files", "rollups", "coverage", "nodes" })
            QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))), qint64(0));
        const TrailEntry last = store->trail()->last();
        QCOMPARE(last.action, QLatin1String(trail::kImportFailed));
        QCOMPARE(last.details.value(QStringLiteral("error")).toObject().value(QStringLiteral("line")).toInteger(),
            r.error.line);
        QVERIFY(verifyCase(*store).intact());
    }

    void cancelRollsBack()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("cancel.capcase"));
        QVERIFY(store);
        std::atomic<bool> cancel { false };
        ImportOptions options;
        options.cancel = &cancel;
        options.progress = [&](double fraction, const QString&) {
            if (fraction > 0) // verified; the flag is seen at the next checkpoint, inside the transaction
                cancel = true;
        };
        const qint64 trailBefore = store->trail()->size();
        const ImportResult r = CaseImporter(*store).importBundle(m_bundle, options);
        QCOMPARE(r.outcome, ImportOutcome::Cancelled);
        const QString file = path(QStringLiteral("cancel.capcase"));
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM samples")), qint64(0));
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM blobs")), qint64(0));
        QCOMPARE(store->trail()->size(), trailBefore);
        cancel = false;
        options.progress = {};
        QCOMPARE(CaseImporter(*store).importBundle(m_bundle, options).outcome, ImportOutcome::Imported);
    }

    void batchRollsBackAsOne()
    {
        // A batch (the GUI's multi-bundle import) is one outer transaction; each bundle a savepoint inside it.
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("batch.capcase"));
        QVERIFY(store);
        const qint64 trailBefore = store->trail()->size();
        {
            sql::Transaction batch(store->database());
            QVERIFY(batch.begun().ok());
            QCOMPARE(CaseImporter(*store).importBundle(m_attestation).outcome, ImportOutcome::Imported);
            QCOMPARE(CaseImporter(*store).importBundle(m_tampered).outcome, ImportOutcome::Rejected);
            // An inner failure rolls back only its own savepoint.
            QCOMPARE(CaseImporter(*store).importBundle(m_badRow).outcome, ImportOutcome::Failed);
            QCOMPARE(store->bundles()->size(), 1);
            batch.rollback();
        }
        QCOMPARE(store->bundles()->size(), 0);
        QCOMPARE(store->trail()->size(), trailBefore);
        {
            sql::Transaction batch(store->database());
            QCOMPARE(CaseImporter(*store).importBundle(m_attestation).outcome, ImportOutcome::Imported);
            QCOMPARE(CaseImporter(*store).importBundle(m_bundle).outcome, ImportOutcome::Imported);
            QVERIFY(batch.commit().ok());
        }
        QCOMPARE(store->bundles()->size(), 2);
        QVERIFY(verifyCase(*store).intact());
    }

    void anchorsAreTrailed()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("anchors.capcase"));
        QVERIFY(store);
        Result<CaseAnchor> added = store->addAnchor(m_stranger.anchor);
        QVERIFY2(added, qPrintable(added.error().toString()));
        QVERIFY(!store->addAnchor(m_stranger.anchor)); // already trusted
        QCOMPARE(store->trail()->last().action, QLatin1String(trail::kAnchorAdded));
        QCOMPARE(CaseImporter(*store).importBundle(m_untrusted).outcome, ImportOutcome::Imported);
        const qint64 importSeq = store->bundles()->first().importSeq;
        QVERIFY(!store->removeAnchor(QStringLiteral("0000")));
        Result<CaseAnchor> removed = store->removeAnchor(m_stranger.anchor.fingerprint.left(12));
        QVERIFY2(removed, qPrintable(removed.error().toString()));
        QCOMPARE(store->trail()->last().action, QLatin1String(trail::kAnchorRemoved));
        QCOMPARE(store->anchors()->size(), 1);
        QCOMPARE(store->anchors(true)->size(), 2);
        QCOMPARE(store->trustStoreAt(importSeq)->anchors().size(), 2);
        QCOMPARE(store->trustStore()->anchors().size(), 1);
        // The bundle was verified under the anchors of its time: re-verification uses those, so the case is intact.
        const QStringList found = problems(*store);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
        Result<ChainCheck> chain = verifyTrailChain(store->database());
        QVERIFY(chain);
        QCOMPARE(chain->firstBrokenSeq, 0);
        QCOMPARE(chain->entries, store->trail()->size());
    }

    void triggersRefuseChanges_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("update sample") << QStringLiteral("UPDATE samples SET used = 0");
        QTest::newRow("delete sample") << QStringLiteral("DELETE FROM samples");
        QTest::newRow("update trail") << QStringLiteral("UPDATE audit_trail SET os_user = 'x'");
        QTest::newRow("delete trail") << QStringLiteral("DELETE FROM audit_trail WHERE seq = 1");
        QTest::newRow("update blob") << QStringLiteral("UPDATE blob_chunks SET bytes = x'00'");
        QTest::newRow("delete bundle") << QStringLiteral("DELETE FROM bundles");
        QTest::newRow("update rollup") << QStringLiteral("UPDATE rollups SET sum_used = 0");
        QTest::newRow("update node hour") << QStringLiteral("UPDATE node_hours SET regular = 1");
        QTest::newRow("delete node hours marker") << QStringLiteral("DELETE FROM node_hours_built");
        QTest::newRow("rename node") << QStringLiteral("UPDATE nodes SET name = 'x'");
        QTest::newRow("delete commitment") << QStringLiteral("DELETE FROM attestation_commitments");
        QTest::newRow("delete anchor") << QStringLiteral("DELETE FROM trust_anchors");
    }
    void triggersRefuseChanges()
    {
        QFETCH(QString, sql);
        const QString file = path(QStringLiteral("import.capcase"));
        const QString error = execSql(file, sql);
        QVERIFY2(error.contains(QLatin1String("append-only")), qPrintable(error));
    }

    void verifyCaseFindsTampering_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected"); // %1: digest of the telemetry bundle
        QTest::newRow("sample value") << QStringLiteral("UPDATE samples SET used = used + 1 WHERE seq = 17")
                                      << QStringLiteral("bundle %1");
        QTest::newRow("sample deleted") << QStringLiteral("DELETE FROM samples WHERE seq = 3")
                                        << QStringLiteral("bundle %1");
        QTest::newRow("sample inserted") << QStringLiteral(
            "INSERT INTO samples SELECT bundle, 999999, payload, line, time, provider, node, resource, "
            "tenant, allocated, used, capacity, state FROM samples WHERE seq = 0")
                                         << QStringLiteral("bundle %1");
        QTest::newRow("node renamed") << QStringLiteral("UPDATE nodes SET name = 'node-x' WHERE name = 'node-1'")
                                      << QStringLiteral("bundle %1");
        QTest::newRow("blob bytes") << QStringLiteral(
            "UPDATE blob_chunks SET bytes = CAST(replace(CAST(bytes AS TEXT), 'up', "
            "'UP') AS BLOB)") << QStringLiteral("bundle %1");
        QTest::newRow("rollup") << QStringLiteral("UPDATE rollups SET sum_used = sum_used * 2 WHERE tenant = 1")
                                << QStringLiteral("bundle %1");
        // The check trusts a regular node-hour below the over-commitment limit without reading its raw samples.
        QTest::newRow("node hour") << QStringLiteral(
            "UPDATE node_hours SET max_step_allocated = 0 WHERE hour = (SELECT max(hour) FROM node_hours)")
                                   << QStringLiteral("bundle %1");
        QTest::newRow("node hours removed")
            << QStringLiteral("DELETE FROM node_hours; DELETE FROM node_hours_built") << QStringLiteral("bundle %1");
        QTest::newRow("rows digest") << QStringLiteral(
            "UPDATE bundles SET rows_digest = 'ab' || substr(rows_digest, 3)")
                                     << QStringLiteral("bundle %1");
        QTest::newRow("verdict") << QStringLiteral("UPDATE bundles SET verdict = 'untrusted'")
                                 << QStringLiteral("bundle %1");
        QTest::newRow("trail details") << QStringLiteral(
            "UPDATE audit_trail SET details = replace(details, 'provider-a', "
            "'provider-b') WHERE seq = 3")
                                       << QStringLiteral("trail entry 3");
        QTest::newRow("trail user") << QStringLiteral("UPDATE audit_trail SET os_user = 'mallory' WHERE seq = 1")
                                    << QStringLiteral("trail entry 1");
        QTest::newRow("bundle deleted") << QStringLiteral("DELETE FROM bundles") << QStringLiteral("%1");
        QTest::newRow("anchor swapped") << QStringLiteral(
            "UPDATE trust_anchors SET fingerprint = 'ff' || substr(fingerprint, 3)")
                                        << QStringLiteral("anchor");
    }
    void verifyCaseFindsTampering()
    {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        const QString name =
            QStringLiteral("tamper-%1.capcase").arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_'));
        QString digest;
        {
            std::unique_ptr<CaseStore> store = newCase(name);
            QVERIFY(store);
            const ImportResult r = CaseImporter(*store).importBundle(m_bundle);
            QCOMPARE(r.outcome, ImportOutcome::Imported);
            digest = r.digest;
            QVERIFY(verifyCase(*store).intact());
        }
        const QString file = path(name);
        QCOMPARE(execSql(file, dropTriggersSql() + sql), QString());
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        QVERIFY2(store, qPrintable(store.error().toString()));
        const CaseVerification v = verifyCase(**store);
        QVERIFY(!v.intact());
        const QString all = QJsonDocument(v.toJson()).toJson();
        const QString needle = expected.contains(QLatin1String("%1")) ? expected.arg(digest) : expected;
        const bool named = std::any_of(v.problems.cbegin(), v.problems.cend(),
            [&](const CaseProblem& p) { return p.toString().contains(needle); });
        QVERIFY2(named, qPrintable(needle + QStringLiteral(" not named in:\n") + all));
    }

    void crashDuringImportLeavesNoHalfBundle()
    {
        // Three bundles large enough that a kill lands inside an import most of the time.
        QStringList bundles;
        for (int i = 0; i < 3; ++i)
            bundles << writeTelemetry(m_provider, path(QStringLiteral("crash-%1").arg(i)), QStringLiteral("provider-a"),
                usageCsv(kStart + i * 86400, 288, 12, 4), kStart + i * 86400, 288);
        QVERIFY(newCase(QStringLiteral("crash-template.capcase")));
        const QString program = QCoreApplication::applicationFilePath();
        auto runChild = [&](const QString& caseFile, int killAfterMs) {
            QProcess child;
            child.start(program, QStringList { QStringLiteral("--import-child"), caseFile } + bundles);
            if (!child.waitForStarted())
                return -1;
            if (killAfterMs >= 0 && !child.waitForFinished(killAfterMs))
                child.kill(); // SIGKILL: no destructor, no rollback, no WAL checkpoint
            child.waitForFinished();
            return child.exitStatus() == QProcess::CrashExit ? 9 : child.exitCode();
        };
        QElapsedTimer timer;
        const QString full = path(QStringLiteral("crash-full.capcase"));
        QVERIFY(QFile::copy(path(QStringLiteral("crash-template.capcase")), full));
        timer.start();
        QCOMPARE(runChild(full, -1), 0);
        const int duration = int(timer.elapsed());
        QCOMPARE(scalar(full, QStringLiteral("SELECT count(*) FROM bundles")), qint64(3));

        const quint32 seed = QRandomGenerator::global()->generate();
        QRandomGenerator random(seed);
        int killed = 0, partial = 0;
        // Kill at random moments until at least 20 kills landed before the child finished (bounded, for slow hosts).
        int runs = 0;
        for (int run = 0; killed < 20 && run < 60; ++run, ++runs) {
            const QString file = path(QStringLiteral("crash-%1.capcase").arg(run));
            QVERIFY(QFile::copy(path(QStringLiteral("crash-template.capcase")), file));
            const int delay = int(random.bounded(duration * 9 / 10 + 1));
            if (runChild(file, delay) == 9)
                ++killed;
            Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
            QVERIFY2(store,
                qPrintable(QStringLiteral("seed %1 run %2: %3").arg(seed).arg(run).arg(store.error().toString())));
            const CaseVerification v = verifyCase(**store);
            QStringList found;
            for (const CaseProblem& p : v.problems)
                found << p.toString();
            QVERIFY2(v.intact(),
                qPrintable(QStringLiteral("seed %1 run %2 (kill at %3 ms): ").arg(seed).arg(run).arg(delay)
                    + found.join(u'\n')));
            // A bundle row exists exactly when all its rows do.
            QCOMPARE(scalar(file,
                         QStringLiteral("SELECT count(*) FROM bundles b WHERE row_count <> (SELECT count(*) "
                                        "FROM samples s WHERE s.bundle = b.id)")),
                qint64(0));
            QCOMPARE(scalar(file,
                         QStringLiteral("SELECT count(*) FROM samples WHERE bundle NOT IN (SELECT id FROM bundles)")),
                qint64(0));
            QCOMPARE(scalar(file,
                         QStringLiteral("SELECT count(*) FROM blobs WHERE id NOT IN (SELECT blob FROM bundle_files)")),
                qint64(0));
            const qint64 imported = scalar(file, QStringLiteral("SELECT count(*) FROM bundles"));
            if (imported > 0 && imported < 3)
                ++partial;
            // The case stays usable: finishing the import afterwards completes it.
            if (run % 6 == 0) {
                store->reset();
                QCOMPARE(runChild(file, -1), 0);
                QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM bundles")), qint64(3));
            }
        }
        qInfo("crash test: seed %u, full import %d ms, %d of %d runs killed mid-way, %d with some bundles imported",
            seed, duration, killed, runs, partial);
        QVERIFY(killed >= 20);
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc >= 3 && qstrcmp(argv[1], "--import-child") == 0)
        return importChild(app.arguments().mid(2));
    TestCaseStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_casestore.moc"

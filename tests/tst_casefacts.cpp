// SPDX-License-Identifier: GPL-3.0-or-later
// verify-case re-derives every stored fact: each bundles column from a fresh verification of the stored statement,
// each reviewer document from its digest and trail entry, at the verification instant stored at import (so an
// expired signer certificate leaves a case intact), inside one snapshot (an import committed meanwhile is not seen
// half). Each test breaks if its defence is removed.
#include "casefixture.h"
#include "crypto/certificatebuilder.h"
#include "crypto/digest.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "store/caseverifier.h"
#include "util/jsonutil.h"

#include <QFile>
#include <QTest>
#include <QThread>

#include <algorithm>

using namespace capaudit;
using namespace capaudit::test;

namespace {

// Drops one append-only trigger, runs SQL, and puts the trigger back exactly as CapAudit writes it, so the schema
// check finds nothing and only the edit itself can be noticed.
QString editBehindTheBack(const QString& table, const QString& verb, const QString& sql)
{
    const QString trigger = QStringLiteral("%1_no_%2").arg(table, verb.toLower());
    const QString message = table == u"case_documents"
        ? QStringLiteral("case_documents is append-only: %1 refused").arg(verb)
        : QStringLiteral("%1 is append-only evidence: %2 refused").arg(table, verb);
    return QStringLiteral("DROP TRIGGER %1; %2; CREATE TRIGGER %1 BEFORE %3 ON %4 BEGIN SELECT RAISE(ABORT, '%5'); "
                          "END;")
        .arg(trigger, sql, verb, table, message);
}

} // namespace

class TestCaseFacts : public QObject, protected CaseFixture {
    Q_OBJECT

    QString copy(const QString& name)
    {
        const QString target = path(name + QStringLiteral(".capcase"));
        QFile::remove(target);
        if (!QFile::copy(path(QStringLiteral("base.capcase")), target))
            qWarning() << "cannot copy the base case";
        return target;
    }
    CaseVerification verifyFile(const QString& file)
    {
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        if (!store) {
            CaseVerification failed;
            failed.problems.append({ QStringLiteral("open"), file, {}, store.error().toString() });
            return failed;
        }
        return verifyCase(**store);
    }

private slots:
    void initTestCase()
    {
        initFixture();
        if (QTest::currentTestFailed())
            return;
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("base.capcase"));
        QVERIFY(store);
        for (const QString& bundle : { m_bundle, m_attestation })
            QCOMPARE(CaseImporter(*store).importBundle(bundle).outcome, ImportOutcome::Imported);
        QVERIFY(store->saveDocument(QStringLiteral("policy"), {}, { { QStringLiteral("maxGapMinutes"), 30 } }));
        QVERIFY(store->saveDocument(QStringLiteral("policy"), {}, { { QStringLiteral("maxGapMinutes"), 60 } }));
        const CaseVerification v = verifyCase(*store);
        QVERIFY2(v.intact(), qPrintable(listed(v.problems)));
        QVERIFY(store->database().exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
    }

    void editedBundleRow_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("named");
        const QString telemetry = QStringLiteral(" WHERE kind = 'telemetry'");
        QTest::newRow("meter") << QStringLiteral("UPDATE bundles SET meter = 'independent'") + telemetry
                               << QStringLiteral("bundles.meter");
        QTest::newRow("provider")
            << QStringLiteral(
                   "INSERT INTO providers (name) VALUES ('provider-b'); UPDATE bundles SET provider = (SELECT id FROM "
                   "providers WHERE name = 'provider-b')")
                + telemetry
            << QStringLiteral("bundles.provider");
        QTest::newRow("period") << QStringLiteral("UPDATE bundles SET period_end = period_end - 86400") + telemetry
                                << QStringLiteral("bundles.period_end");
        QTest::newRow("resolution") << QStringLiteral("UPDATE bundles SET resolution = 60") + telemetry
                                    << QStringLiteral("bundles.resolution");
        QTest::newRow("kind") << QStringLiteral("UPDATE bundles SET kind = 'billing'") + telemetry
                              << QStringLiteral("bundles.kind");
        QTest::newRow("signing time") << QStringLiteral("UPDATE bundles SET signing_time = '2020-01-01T00:00:00.000Z'")
                + telemetry << QStringLiteral("bundles.signing_time");
        QTest::newRow("predicate")
            << QStringLiteral("UPDATE bundles SET predicate_json = replace(predicate_json, 'provider-a', 'provider-b')")
                + telemetry
            << QStringLiteral("bundles.predicate_json");
        QTest::newRow("signer") << QStringLiteral("UPDATE bundles SET signer_subject = 'CN=Independent Meter'")
                + telemetry << QStringLiteral("bundles.signer_subject");
        QTest::newRow("verdict anchor")
            << QStringLiteral(
                   "UPDATE bundles SET verdict_json = replace(verdict_json, 'Provider A root', 'Independent meter')")
                + telemetry
            << QStringLiteral("bundles.verdict_json");
        QTest::newRow("verdict check") << QStringLiteral("UPDATE bundles SET verdict_json = replace(verdict_json, "
                                                         "'\"status\":\"pass\"', '\"status\":\"skipped\"')")
                + telemetry << QStringLiteral("re-verification differs");
        QTest::newRow("source path") << QStringLiteral("UPDATE bundles SET source_path = '/elsewhere'") + telemetry
                                     << QStringLiteral("bundles.source_path");
    }
    void editedBundleRow()
    {
        QFETCH(QString, sql);
        QFETCH(QString, named);
        const QString file =
            copy(QStringLiteral("row-") + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_'));
        QCOMPARE(execSql(file, editBehindTheBack(QStringLiteral("bundles"), QStringLiteral("UPDATE"), sql)), QString());
        const CaseVerification v = verifyFile(file);
        QVERIFY2(names(v.problems, named), qPrintable(named + QStringLiteral(" not named in:\n") + listed(v.problems)));
    }

    void editedPolicy_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("named");
        QTest::newRow("content") << editBehindTheBack(QStringLiteral("case_documents"), QStringLiteral("UPDATE"),
            QStringLiteral("UPDATE case_documents SET content = replace(content, '60', '600')"))
                                 << QStringLiteral("does not match its stored digest");
        // Content and digest replaced consistently: only the chained trail entry still knows the real digest.
        const QByteArray forged = canonicalJson(QJsonObject { { QStringLiteral("maxGapMinutes"), 600 } });
        QTest::newRow("content and digest")
            << editBehindTheBack(QStringLiteral("case_documents"), QStringLiteral("UPDATE"),
                   QStringLiteral("UPDATE case_documents SET content = '%1', digest = '%2' WHERE id = 2")
                       .arg(QString::fromUtf8(forged), crypto::sha256Hex(forged)))
            << QStringLiteral("does not record saving this content");
        // Deleting the latest version silently brings the previous policy back into force.
        QTest::newRow("latest deleted") << editBehindTheBack(QStringLiteral("case_documents"), QStringLiteral("DELETE"),
            QStringLiteral("DELETE FROM case_documents WHERE id = 2"))
                                        << QStringLiteral("no longer in the case");
    }
    void editedPolicy()
    {
        QFETCH(QString, sql);
        QFETCH(QString, named);
        const QString file =
            copy(QStringLiteral("doc-") + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_'));
        QCOMPARE(execSql(file, sql), QString());
        const CaseVerification v = verifyFile(file);
        QVERIFY2(names(v.problems, QStringLiteral("document policy")) && names(v.problems, named),
            qPrintable(named + QStringLiteral(" not named in:\n") + listed(v.problems)));
    }

    // A signer certificate that expires seconds after import: the case stays intact, at the stored instant, also
    // for a verdict written before that instant was stored (then the signing time is used, never "now").
    void expiredSignerStaysIntact()
    {
        Pki pki = m_provider;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        crypto::CertificateRequest request;
        request.commonName = QStringLiteral("Provider A short-lived meter");
        request.notBefore = now.addSecs(-3600);
        request.notAfter = now.addSecs(2);
        pki.signer = *crypto::issueCertificate(request, pki.signerKey.publicKey(), pki.rootKey, pki.root);
        const QString bundle = writeTelemetry(pki, path(QStringLiteral("short-lived")), QStringLiteral("provider-a"),
            usageCsv(kStart, 10, 1, 1), kStart, 10, now);
        const QStringList files { path(QStringLiteral("expiring.capcase")),
            path(QStringLiteral("expiring-old.capcase")) };
        for (const QString& file : files) {
            Result<std::unique_ptr<CaseStore>> store =
                CaseStore::create(file, QStringLiteral("Expiring"), { m_provider.anchor });
            QVERIFY(store);
            const ImportResult r = CaseImporter(**store).importBundle(bundle);
            QVERIFY2(r.outcome == ImportOutcome::Imported, qPrintable(r.verdict.summary()));
            QVERIFY(r.verdict.validationTime.isValid() && r.verdict.validationTime < request.notAfter);
        }
        // The second case as an earlier CapAudit wrote it: no validationTime in the stored verdict.
        QCOMPARE(execSql(files[1],
                     editBehindTheBack(QStringLiteral("bundles"), QStringLiteral("UPDATE"),
                         QStringLiteral("UPDATE bundles SET verdict_json = "
                                        "json_remove(verdict_json, '$.validationTime')"))),
            QString());
        QCOMPARE(scalar(files[1],
                     QStringLiteral("SELECT count(*) FROM bundles WHERE verdict_json LIKE "
                                    "'%validationTime%'")),
            0);
        while (QDateTime::currentDateTimeUtc() <= request.notAfter.addMSecs(500))
            QThread::msleep(100);
        for (const QString& file : files) {
            const CaseVerification v = verifyFile(file);
            QVERIFY2(v.intact(), qPrintable(file + QStringLiteral(":\n") + listed(v.problems)));
        }
    }

    // Another connection commits an import while verify-case runs: verify-case sees the case as it was when it
    // started, so the new bundle's rows are neither orphans nor half-seen.
    void concurrentImportIsNotSeenHalf()
    {
        const QString file = copy(QStringLiteral("concurrent"));
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        QVERIFY(store);
        const QString extra = writeTelemetry(m_provider, path(QStringLiteral("extra")), QStringLiteral("provider-a"),
            usageCsv(kStart + 86400 * 5, 20, 2, 2), kStart + 86400 * 5, 20);
        bool imported = false;
        QString importError;
        const CaseVerification v = verifyCase(**store, [&](double, const QString& message) {
            if (imported || !message.startsWith(QLatin1String("bundle")))
                return;
            imported = true;
            Result<std::unique_ptr<CaseStore>> writer = CaseStore::open(file);
            if (!writer) {
                importError = writer.error().toString();
                return;
            }
            const ImportResult r = CaseImporter(**writer).importBundle(extra);
            if (r.outcome != ImportOutcome::Imported)
                importError = r.error.toString();
        });
        QVERIFY(imported);
        QVERIFY2(importError.isEmpty(), qPrintable(importError));
        QVERIFY2(v.intact(), qPrintable(listed(v.problems)));
        QCOMPARE(v.bundles, 2);
        const CaseVerification after = verifyCase(**store);
        QVERIFY2(after.intact(), qPrintable(listed(after.problems)));
        QCOMPARE(after.bundles, 3);
    }
};

QTEST_GUILESS_MAIN(TestCaseFacts)

#include "tst_casefacts.moc"

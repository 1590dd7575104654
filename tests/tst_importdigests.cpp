// SPDX-License-Identifier: GPL-3.0-or-later
// Importing a directory bundle hashes each payload once, as the import reads, stores and parses it: the verifier
// takes the payloads' SHA-256 from the statement (BundleVerifier::setDeferSubjectDigests) and every BlobTee holds the
// bytes to it. These tests pin what that must never change: the verdict stored is the verdict in full, and a payload
// that does not match its statement is rejected (never "already present", never merely "failed"), with the digest its
// bytes really have.
#include "casefixture.h"
#include "evidence/verifier.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "store/caseverifier.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace capaudit;
using namespace capaudit::test;

namespace {

bool copyTree(const QString& from, const QString& to)
{
    QDir source(from);
    if (!QDir().mkpath(to))
        return false;
    for (const QFileInfo& e : source.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = to + QLatin1Char('/') + e.fileName();
        if (e.isDir() ? !copyTree(e.filePath(), target) : !QFile::copy(e.filePath(), target))
            return false;
    }
    return true;
}

bool overwrite(const QString& file, const QByteArray& bytes)
{
    QFile f(file);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

} // namespace

class TestImportDigests : public QObject, protected CaseFixture {
    Q_OBJECT

private:
    QString m_dir; // a signed directory telemetry bundle of provider-a

    TrustStore trust()
    {
        Result<TrustStore> t = TrustStore::fromAnchors({ m_provider.anchor });
        if (!t)
            qFatal("no trust store");
        return *t;
    }

    Verdict fullVerdict(const QString& bundle, const QDateTime& at = {})
    {
        BundleVerifier verifier(trust());
        verifier.setVerificationTime(at);
        return verifier.verify(bundle);
    }

    // A copy of m_dir named NAME whose payload is BYTES.
    QString alteredCopy(const QString& name, const QByteArray& bytes)
    {
        const QString copy = path(name);
        if (!copyTree(m_dir, copy) || !overwrite(copy + QStringLiteral("/data/usage.csv"), bytes))
            qFatal("cannot write the altered copy");
        return copy;
    }

private slots:
    void initTestCase()
    {
        initFixture();
        m_dir = writeTelemetry(
            m_provider, path(QStringLiteral("dir-bundle")), QStringLiteral("provider-a"), m_csv, kStart, 300);
        QVERIFY(QFileInfo(m_dir).isDir());
    }

    // The verdict an import stores was made without hashing the payloads first; it must be, check for check, the
    // verdict of a verification that hashed them.
    void importedVerdictIsTheFullVerdict()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("full.capcase"));
        QVERIFY(store);
        const ImportResult r = CaseImporter(*store).importBundle(m_dir);
        QCOMPARE(r.outcome, ImportOutcome::Imported);
        const StoredBundle stored = store->bundles()->first();
        const Verdict full = fullVerdict(m_dir, stored.details.validationTime);
        QCOMPARE(full.verdict, VerdictKind::Verified);
        QCOMPARE(stored.digest, full.bundleDigest);
        QCOMPARE(r.digest, full.bundleDigest);
        QJsonObject expected = full.toJson();
        QJsonObject actual = stored.details.toJson();
        QCOMPARE(QJsonDocument(actual).toJson(), QJsonDocument(expected).toJson());
        QVERIFY(verifyCase(*store).intact());
    }

    // The statement's digests equal those of the bundle already in the case, so a verdict taken from them would call
    // the altered copy "already present" and hide that it was altered.
    void alteredCopyOfAnImportedBundleIsRejected()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("copy.capcase"));
        QVERIFY(store);
        CaseImporter importer(*store);
        QCOMPARE(importer.importBundle(m_dir).outcome, ImportOutcome::Imported);
        QByteArray edited = m_csv;
        edited.replace(",up\n", ",down\n");
        QVERIFY(edited != m_csv);
        const QString copy = alteredCopy(QStringLiteral("altered-copy"), edited);

        const ImportResult r = importer.importBundle(copy);
        QCOMPARE(r.outcome, ImportOutcome::Rejected);
        const Verdict full = fullVerdict(copy);
        QCOMPARE(full.verdict, VerdictKind::Rejected);
        QCOMPARE(r.digest, full.bundleDigest); // the digest of the bytes, not of the statement's claims
        QVERIFY(r.digest != store->bundles()->first().digest);
        QCOMPARE(store->bundles()->size(), 1);
        const TrailEntry last = store->trail()->last();
        QCOMPARE(last.action, QLatin1String(trail::kImportRejected));
        QCOMPARE(last.details.value(QStringLiteral("digest")).toString(), full.bundleDigest);
        QVERIFY(QJsonDocument(last.details.value(QStringLiteral("reasons")).toArray()).toJson().contains("mismatch"));
        QVERIFY(verifyCase(*store).intact());
    }

    // Bytes that match nothing and parse as nothing: the parse fails before the digest is known, yet the bundle is
    // rejected (its evidence is false), not recorded as an import that failed on this machine.
    void unparsableMismatchIsRejectedNotFailed()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("garbage.capcase"));
        QVERIFY(store);
        const QString copy = alteredCopy(QStringLiteral("garbage-copy"), QByteArray("time,node\nnot a time,\x01\n"));
        const ImportResult r = CaseImporter(*store).importBundle(copy);
        QCOMPARE(r.outcome, ImportOutcome::Rejected);
        QCOMPARE(r.digest, fullVerdict(copy).bundleDigest);
        QVERIFY(store->bundles()->isEmpty());
        QCOMPARE(
            scalar(path(QStringLiteral("garbage.capcase")), QStringLiteral("SELECT count(*) FROM blobs")), qint64(0));
        const Result<QList<TrailEntry>> trail = store->trail();
        QVERIFY(trail.ok());
        QStringList actions;
        for (const TrailEntry& e : *trail)
            actions << e.action;
        QVERIFY2(!actions.contains(QLatin1String(trail::kImportFailed)), qPrintable(actions.join(u' ')));
        QCOMPARE(actions.last(), QLatin1String(trail::kImportRejected));
    }

    // The contract of a deferred verdict: it names the files it took on trust, and on its own it says nothing about
    // them (the same altered bundle passes its subject check), which is why only an import that hashes every byte may
    // ask for one.
    void deferredVerdictListsWhatItTookOnTrust()
    {
        const QString copy = alteredCopy(QStringLiteral("plan-copy"), QByteArray("time,node\n"));
        BundleVerifier verifier(trust());
        verifier.setDeferSubjectDigests(true);
        const Verdict plan = verifier.verify(copy);
        QVERIFY(plan.digestsDeferred);
        QCOMPARE(plan.unconfirmedSha256.keys(), QStringList { QStringLiteral("data/usage.csv") });
        QCOMPARE(plan.unconfirmedSha256.value(QStringLiteral("data/usage.csv")).toHex(),
            plan.subjects.first().digestHex.toLatin1());
        QCOMPARE(plan.verdict, VerdictKind::Verified);
        const Verdict full = fullVerdict(copy);
        QVERIFY(!full.digestsDeferred);
        QVERIFY(full.unconfirmedSha256.isEmpty());
        QCOMPARE(full.verdict, VerdictKind::Rejected);
        QVERIFY(plan.bundleDigest != full.bundleDigest);
    }
};

QTEST_GUILESS_MAIN(TestImportDigests)
#include "tst_importdigests.moc"

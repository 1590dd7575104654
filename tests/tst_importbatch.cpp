// SPDX-License-Identifier: GPL-3.0-or-later
// The batch import of the store layer (store/batchimport.h), the one import of the CLI and the GUI: all or nothing by
// default (a cancel or a bundle that cannot be read leaves the case exactly as it was: bundles, trail, verify-case),
// per-bundle commits on request, rejected and unparsable bundles recorded as a single import records them, and the
// bundle count known before the first bundle starts, folders included.
#include "casefixture.h"
#include "store/batchimport.h"
#include "store/casestore.h"
#include "store/caseverifier.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

#include <atomic>

using namespace capaudit;
using namespace capaudit::test;

namespace {

// What the case holds, to compare before and after a batch.
struct CaseState {
    qsizetype bundles = -1;
    QStringList trail; // "seq action hash"
    bool operator==(const CaseState&) const = default;
};

CaseState stateOf(CaseStore& store)
{
    CaseState s;
    if (Result<QList<StoredBundle>> b = store.bundles())
        s.bundles = b->size();
    if (Result<QList<TrailEntry>> t = store.trail())
        for (const TrailEntry& e : *t)
            s.trail.append(QStringLiteral("%1 %2 %3").arg(e.seq).arg(e.action, e.hash));
    return s;
}

bool copyTree(const QString& from, const QString& to)
{
    if (QFileInfo(from).isFile())
        return QFile::copy(from, to);
    if (!QDir().mkpath(to))
        return false;
    const QDir source(from);
    for (const QFileInfo& e : source.entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot)) {
        const QString target = QDir(to).filePath(e.fileName());
        if (e.isDir() ? !copyTree(e.absoluteFilePath(), target) : !QFile::copy(e.absoluteFilePath(), target))
            return false;
    }
    return true;
}

QStringList outcomes(const QList<ImportResult>& results)
{
    QStringList out;
    for (const ImportResult& r : results)
        out.append(importOutcomeName(r.outcome));
    return out;
}

} // namespace

class TestImportBatch : public QObject, protected CaseFixture {
    Q_OBJECT

private:
    void checkIntact(CaseStore& store)
    {
        const CaseVerification v = verifyCase(store);
        QVERIFY2(v.intact(), qPrintable(listed(v.problems)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        initFixture();
    }

    void allOrNothingCommitsTheBatch()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("commit.capcase"));
        const CaseState before = stateOf(*store);
        const BatchImportResult batch = importBundles(*store, { m_bundle, m_tampered, m_attestation });
        QVERIFY(!batch.rolledBack);
        QCOMPARE(outcomes(batch.results),
            (QStringList { QStringLiteral("imported"), QStringLiteral("rejected"), QStringLiteral("imported") }));
        // The rejected bundle is recorded with the provider its statement claims.
        QCOMPARE(batch.results.at(1).provider, QStringLiteral("provider-a"));
        QVERIFY(batch.results.at(1).trailSeq > 0);
        const CaseState after = stateOf(*store);
        QCOMPARE(after.bundles, before.bundles + 2);
        QCOMPARE(after.trail.size(), before.trail.size() + 3);
        checkIntact(*store);
    }

    void cancelRollsBackTheWholeBatch()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("cancel.capcase"));
        QCOMPARE(importBundles(*store, { m_attestation }).results.first().outcome, ImportOutcome::Imported);
        const CaseState before = stateOf(*store);
        std::atomic<bool> cancel { false };
        BatchImportOptions options;
        options.cancel = &cancel;
        // Cancel once the second bundle (rejected, with its trail entry) is done: both done bundles must go.
        options.finished = [&cancel](int index, int, const ImportResult&) {
            if (index == 1)
                cancel = true;
        };
        const BatchImportResult batch = importBundles(*store, { m_bundle, m_tampered, m_untrusted }, options);
        // The case first: without the batch's transaction the first two bundles' work would still be there.
        QCOMPARE(stateOf(*store), before);
        checkIntact(*store);
        QVERIFY(batch.rolledBack);
        QVERIFY(batch.cancelled);
        QCOMPARE(outcomes(batch.results),
            (QStringList {
                QStringLiteral("rolled-back"), QStringLiteral("rolled-back"), QStringLiteral("cancelled") }));
        for (const ImportResult& r : batch.results)
            QCOMPARE(r.trailSeq, 0);
        // What was found is kept for the summary.
        QVERIFY(batch.results.at(1).verdict.firstFailure());
    }

    void failingBundleRollsBackTheWholeBatch()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("failing.capcase"));
        QCOMPARE(importBundles(*store, { m_attestation }).results.first().outcome, ImportOutcome::Imported);
        const CaseState before = stateOf(*store);
        const QString missing = path(QStringLiteral("no-such-bundle.tar.gz"));
        const BatchImportResult batch = importBundles(*store, { m_bundle, m_tampered, missing, m_untrusted });
        QCOMPARE(stateOf(*store), before);
        checkIntact(*store);
        QVERIFY(batch.rolledBack);
        QVERIFY(!batch.cancelled);
        QVERIFY2(batch.error.toString().contains(QStringLiteral("no-such-bundle")), qPrintable(batch.error.toString()));
        QCOMPARE(outcomes(batch.results),
            (QStringList { QStringLiteral("rolled-back"), QStringLiteral("rolled-back"), QStringLiteral("failed"),
                QStringLiteral("rolled-back") }));
        QVERIFY(batch.results.at(3).error.reason.startsWith(QStringLiteral("not imported")));
    }

    void unparsableBundleIsRecordedAndTheBatchGoesOn()
    {
        // A signed bundle whose data cannot be parsed is a finding about the evidence (evidence.import-failed), as
        // with a single import: recorded in the trail, the rest of the batch kept.
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("unparsable.capcase"));
        const CaseState before = stateOf(*store);
        const BatchImportResult batch = importBundles(*store, { m_badRow, m_attestation });
        QVERIFY(!batch.rolledBack);
        QCOMPARE(outcomes(batch.results), (QStringList { QStringLiteral("failed"), QStringLiteral("imported") }));
        QVERIFY(batch.results.first().trailSeq > 0);
        const CaseState after = stateOf(*store);
        QCOMPARE(after.bundles, before.bundles + 1);
        QCOMPARE(after.trail.size(), before.trail.size() + 2);
        checkIntact(*store);
    }

    void commitEachKeepsEarlierBundles()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("each.capcase"));
        const CaseState before = stateOf(*store);
        const QString missing = path(QStringLiteral("no-such-bundle"));
        std::atomic<bool> cancel { false };
        BatchImportOptions options;
        options.commitEach = true;
        options.cancel = &cancel;
        options.finished = [&cancel](int index, int, const ImportResult&) {
            if (index == 2)
                cancel = true;
        };
        const BatchImportResult batch =
            importBundles(*store, { m_bundle, missing, m_attestation, m_untrusted }, options);
        QVERIFY(!batch.rolledBack);
        QVERIFY(batch.cancelled);
        QCOMPARE(outcomes(batch.results),
            (QStringList { QStringLiteral("imported"), QStringLiteral("failed"), QStringLiteral("imported"),
                QStringLiteral("cancelled") }));
        QCOMPARE(stateOf(*store).bundles, before.bundles + 2);
        checkIntact(*store);
    }

    void countIsKnownBeforeTheFirstBundle()
    {
        // A folder of bundles (an archive, and a bundle folder nested a level down) beside a single bundle: n counts
        // every bundle of the folder.
        const QString folder = path(QStringLiteral("folder-of-bundles"));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/nested")));
        QVERIFY(copyTree(m_bundle, folder + QStringLiteral("/a-telemetry.tar.gz")));
        QVERIFY(copyTree(m_tampered, folder + QStringLiteral("/nested/b-tampered")));
        const QStringList expanded = expandBundlePaths({ folder, m_attestation });
        QCOMPARE(expanded.size(), 3);
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("count.capcase"));
        QList<QPair<int, int>> started;
        BatchImportOptions options;
        options.started = [&started](int index, int count, const QString&) { started.append({ index, count }); };
        const BatchImportResult batch = importBundles(*store, { folder, m_attestation }, options);
        QCOMPARE(started, (QList<QPair<int, int>> { { 0, 3 }, { 1, 3 }, { 2, 3 } }));
        QCOMPARE(batch.results.size(), 3);
        QCOMPARE(outcomes(batch.results),
            (QStringList { QStringLiteral("imported"), QStringLiteral("rejected"), QStringLiteral("imported") }));
    }

    void cliGivesTheSameResult()
    {
        // `capaudit-cli import` runs the same batch: the same outcomes, bundles and trail actions, and the same
        // rollback when a bundle cannot be read.
        const QString missing = path(QStringLiteral("missing.tar.gz"));
        for (const QStringList& paths :
            { QStringList { m_bundle, m_tampered, m_attestation }, QStringList { m_bundle, missing, m_attestation } }) {
            static int run = 0;
            ++run;
            std::unique_ptr<CaseStore> library = newCase(QStringLiteral("lib-%1.capcase").arg(run));
            const BatchImportResult batch = importBundles(*library, paths);
            std::unique_ptr<CaseStore> viaCli = newCase(QStringLiteral("cli-%1.capcase").arg(run));
            const QString cliCase = viaCli->database().path();
            viaCli.reset();
            QProcess cli;
            cli.start(QStringLiteral(CAPAUDIT_CLI_PATH),
                QStringList { QStringLiteral("import"), cliCase, QStringLiteral("--json") } + paths);
            QVERIFY(cli.waitForFinished(120000));
            const QJsonObject json = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
            QCOMPARE(cli.exitCode(), batch.rolledBack ? 2 : 1);
            QCOMPARE(json.value(u"rolledBack").toBool(), batch.rolledBack);
            QCOMPARE(json.value(u"mode").toString(), QStringLiteral("all-or-nothing"));
            QStringList cliOutcomes;
            for (const QJsonValue& r : json.value(u"results").toArray())
                cliOutcomes.append(r.toObject().value(u"outcome").toString());
            QCOMPARE(cliOutcomes, outcomes(batch.results));
            auto reopened = CaseStore::open(cliCase);
            QVERIFY(reopened.ok());
            const CaseState a = stateOf(*library), b = stateOf(**reopened);
            QCOMPARE(b.bundles, a.bundles);
            auto actions = [](const CaseState& s) {
                QStringList out;
                for (const QString& line : s.trail)
                    out.append(line.section(QLatin1Char(' '), 1, 1));
                return out;
            };
            QCOMPARE(actions(b), actions(a));
        }
    }
};

QTEST_GUILESS_MAIN(TestImportBatch)
#include "tst_importbatch.moc"

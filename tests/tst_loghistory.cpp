// SPDX-License-Identifier: GPL-3.0-or-later
// Transparency-log history (issue 18): every checkpoint a bundle carried is kept per log origin; RFC 9162
// consistency proofs link them; a split view or an unproven growth is a critical evidence.log-consistency finding
// naming both checkpoints and their bundles, whatever the import order; verify-case re-derives the stored
// checkpoints and re-judges the chain.
#include "analytics/checkrunner.h"
#include "analytics/rulecatalog.h"
#include "casefixture.h"
#include "checksupport.h"
#include "crypto/merkle.h"
#include "evidence/loghistory.h"
#include "evidence/tlogproof.h"
#include "guitestcase.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "store/caseverifier.h"
#include "testsupport.h"
#include "util/jsonutil.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

using namespace capaudit;
using namespace capaudit::test;
using capaudit::test::DemoCase;

namespace {

const QString kOrigin = QStringLiteral("capaudit.test/log");

QByteArray b64(const QJsonValue& value)
{
    return QByteArray::fromBase64(value.toString().toLatin1());
}

// Sizes are read from the text: the vectors use 2^64 - 1, which a JSON double cannot hold.
quint64 u64(const QByteArray& text, const char* key)
{
    const QRegularExpression re(QStringLiteral("\"%1\"\\s*:\\s*(\\d+)").arg(QLatin1String(key)));
    return re.match(QString::fromUtf8(text)).captured(1).toULongLong();
}

LogCarrier carrier(const QString& digest)
{
    return { digest, QStringLiteral("/bundles/") + digest, QStringLiteral("provider-a"),
        QStringLiteral("tlog/proof.json") };
}

QList<analytics::Finding> logFindings(CaseStore& store)
{
    Result<analytics::CheckReport> report = analytics::runChecks(store, analytics::CheckOptions());
    if (!report)
        qFatal("check failed: %s", qPrintable(report.error().toString()));
    QList<analytics::Finding> out;
    for (const analytics::Finding& f : std::as_const(report->findings))
        if (f.ruleId == QLatin1String(analytics::rules::kEvidenceLogConsistency))
            out.append(f);
    return out;
}

QString dumpFindings(const QList<analytics::Finding>& findings)
{
    QString out;
    for (const analytics::Finding& f : findings)
        out += QString::fromUtf8(canonicalJson(f.toJson())) + QLatin1Char('\n');
    return out;
}

} // namespace

class TestLogHistory : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    Pki m_pki;
    crypto::PrivateKey m_logKey;
    TrustAnchor m_logAnchor;
    int m_bundles = 0;

    // A fresh signed telemetry bundle (its own statement, so no two are the same evidence).
    QString telemetry(const QString& name)
    {
        const int n = ++m_bundles;
        const qint64 start = kStart + qint64(n) * 10 * kStep;
        return writeTelemetry(m_pki, m_dir.filePath(name), QStringLiteral("provider-a"), usageCsv(start, 10, 1, 1),
            start, 10, QDateTime::fromSecsSinceEpoch(kStart + 86400 * 40 + n * 60, Qt::UTC));
    }

    // Appends BUNDLE's envelope to LOG and writes its tlog/proof.json: inclusion in LOG's current tree, checkpoint
    // signed by the test log key, and consistency proofs from the sizes in FROM.
    void logIn(const QString& bundle, TransparencyLogWriter& log, const QList<quint64>& from = {})
    {
        const QByteArray envelope = readAll(bundle + QStringLiteral("/envelope.dsse.json"));
        const quint64 leaf = log.append(QDateTime::fromSecsSinceEpoch(kStart + 86400 * 41, Qt::UTC), envelope);
        auto proof = log.proof(leaf, from);
        QVERIFY2(proof, qPrintable(proof.error().toString()));
        writeProof(bundle, *proof);
    }
    static void writeProof(const QString& bundle, const TlogProof& proof)
    {
        QFile file(bundle + QStringLiteral("/tlog/proof.json"));
        QVERIFY(QDir().mkpath(bundle + QStringLiteral("/tlog")));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(proof.toJson());
    }
    static TlogProof readProof(const QString& bundle)
    {
        auto proof = parseTlogProof(readAll(bundle + QStringLiteral("/tlog/proof.json")), QStringLiteral("proof"));
        if (!proof)
            qFatal("%s", qPrintable(proof.error().toString()));
        return *proof;
    }

    std::unique_ptr<CaseStore> newCase(const QString& name)
    {
        auto store = CaseStore::create(m_dir.filePath(name), QStringLiteral("Log case"), { m_pki.anchor, m_logAnchor });
        if (!store)
            qWarning() << store.error().toString();
        return store ? std::move(store).value() : nullptr;
    }
    static ImportResult import(CaseStore& store, const QString& bundle)
    {
        const ImportResult r = CaseImporter(store).importBundle(bundle);
        if (r.outcome != ImportOutcome::Imported)
            qWarning() << r.error.toString() << r.verdict.summary();
        return r;
    }

    // The forged split view: a log of [x, a] and a fork [x, b] signed with the same key (same size 2, different
    // roots), then [x, a, c] proven consistent with [x, a] only.
    QString m_viewA, m_viewB, m_grown;
    QByteArray m_rootA, m_rootB, m_rootGrown;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pki = makePki(QStringLiteral("Provider A"), QStringLiteral("provider-a"));
        m_logKey = *crypto::PrivateKey::generate(crypto::KeyType::Ed25519);
        auto anchor = TrustStore::anchorFromBytes(QStringLiteral("log.pub"), m_logKey.publicKey().toPem(),
            QStringLiteral("Test log"), QStringLiteral("transparency-log"), kOrigin);
        QVERIFY2(anchor, qPrintable(anchor.error().toString()));
        m_logAnchor = *anchor;

        m_viewA = telemetry(QStringLiteral("view-a"));
        m_viewB = telemetry(QStringLiteral("view-b"));
        m_grown = telemetry(QStringLiteral("grown"));
        TransparencyLogWriter honest(kOrigin, m_logKey), fork(kOrigin, m_logKey);
        honest.append(QDateTime::fromSecsSinceEpoch(kStart, Qt::UTC), "first entry");
        fork.append(QDateTime::fromSecsSinceEpoch(kStart, Qt::UTC), "first entry");
        logIn(m_viewA, honest);
        logIn(m_viewB, fork);
        logIn(m_grown, honest, { 2 });
        m_rootA = readProof(m_viewA).rootHash;
        m_rootB = readProof(m_viewB).rootHash;
        m_rootGrown = readProof(m_grown).rootHash;
        QVERIFY(m_rootA != m_rootB);
    }

    // RFC 9162 vectors (transparency-dev) through the history's judgment: a vector's proof links its two
    // checkpoints exactly when the vector says it is valid.
    void consistencyVectors_data()
    {
        QTest::addColumn<QString>("path");
        const QString base = testVector(QStringLiteral("merkle/consistency"));
        QDirIterator it(base, { QStringLiteral("*.json") }, QDir::Files, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext())
            files << it.next();
        files.sort();
        QVERIFY2(!files.isEmpty(), "merkle consistency vectors not found under shared/");
        for (const QString& f : std::as_const(files))
            QTest::newRow(qPrintable(f.mid(base.size()))) << f;
    }
    void consistencyVectors()
    {
        QFETCH(QString, path);
        const QByteArray text = readAll(path);
        const QJsonObject v = QJsonDocument::fromJson(text).object();
        const bool wantErr = v.value(u"wantErr").toBool();
        const quint64 size1 = u64(text, "size1"), size2 = u64(text, "size2");
        const QByteArray root1 = b64(v.value(u"root1")), root2 = b64(v.value(u"root2"));
        QList<QByteArray> proof;
        for (const QJsonValue& h : v.value(u"proof").toArray())
            proof << b64(h);
        const QList<CheckpointSighting> seen { { kOrigin, size1, root1, carrier(QStringLiteral("aa")) },
            { kOrigin, size2, root2, carrier(QStringLiteral("bb")) } };
        const LogHistory history =
            analyzeLogHistory(seen, { { kOrigin, size1, root1, size2, root2, proof, carrier(QStringLiteral("bb")) } });
        QCOMPARE(history.proofsVerified, wantErr ? 0 : 1);
        QCOMPARE(history.rejectedProofs.size(), wantErr ? 1 : 0);
        if (!wantErr) {
            QVERIFY2(
                history.breaks.isEmpty(), history.breaks.isEmpty() ? "" : qPrintable(history.breaks.first().reason));
        } else if (size1 < size2) {
            QCOMPARE(history.breaks.size(), 1);
            QCOMPARE(history.breaks.first().kind, LogBreak::Kind::Unproven);
            QVERIFY2(history.breaks.first().reason.contains(QLatin1String("does not verify")),
                qPrintable(history.breaks.first().reason));
        }
    }

    // The proofs the demo and test logs write, and the rule that two checkpoints reaching a common later one are
    // consistent with each other.
    void generatedProofsAndDerivedLinks()
    {
        QList<QByteArray> leaves;
        for (int i = 0; i < 9; ++i)
            leaves << QByteArray::number(i);
        for (quint64 n = 1; n <= 9; ++n)
            for (quint64 m = 1; m < n; ++m) {
                const QList<QByteArray> prefix = leaves.first(qsizetype(n));
                const crypto::MerkleCheck c =
                    crypto::verifyConsistency(m, n, crypto::merkleRootHash(prefix.first(qsizetype(m))),
                        crypto::merkleRootHash(prefix), crypto::merkleConsistencyProof(prefix, m));
                QVERIFY2(c.ok, qPrintable(QStringLiteral("%1 -> %2: %3").arg(m).arg(n).arg(c.reason)));
            }
        const auto root = [&](quint64 size) { return crypto::merkleRootHash(leaves.first(qsizetype(size))); };
        const auto claim = [&](quint64 from, quint64 to) {
            return ConsistencyClaim { kOrigin, from, root(from), to, root(to),
                crypto::merkleConsistencyProof(leaves.first(qsizetype(to)), from), carrier(QStringLiteral("cc")) };
        };
        QList<CheckpointSighting> seen;
        for (quint64 s : { 2, 3, 5, 9 })
            seen.append({ kOrigin, s, root(s), carrier(QStringLiteral("b%1").arg(s)) });
        // Every checkpoint proven against the newest only: consecutive pairs are linked through it.
        QVERIFY(analyzeLogHistory(seen, { claim(2, 9), claim(3, 9), claim(5, 9) }).breaks.isEmpty());
        // A chain of proofs, through a size nobody saw a checkpoint of.
        QVERIFY(analyzeLogHistory(seen, { claim(2, 3), claim(3, 4), claim(4, 5), claim(5, 9) }).breaks.isEmpty());
        // One link missing: exactly that pair is unproven.
        const LogHistory gap = analyzeLogHistory(seen, { claim(2, 3), claim(5, 9) });
        QCOMPARE(gap.breaks.size(), 1);
        QCOMPARE(gap.breaks.first().earlier.treeSize, quint64(3));
        QCOMPARE(gap.breaks.first().later.treeSize, quint64(5));
        QVERIFY(gap.breaks.first().reason.contains(QLatin1String("no verified consistency proof")));
    }

    void proofFileCarriesConsistency()
    {
        TlogProof proof = readProof(m_grown);
        QCOMPARE(proof.consistency.size(), 1);
        QCOMPARE(proof.consistency.first().fromTreeSize, quint64(2));
        QCOMPARE(proof.consistency.first().fromRootHash, m_rootA);
        // Malformed consistency entries are a malformed proof file (and the bundle's tlog check fails on it).
        QByteArray json = proof.toJson();
        json.replace("\"fromTreeSize\": 2", "\"fromTreeSize\": 0");
        QVERIFY(!parseTlogProof(json, QStringLiteral("proof")));
    }

    void splitViewIsCriticalAndNamesBoth()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("split.capcase"));
        QVERIFY(store);
        const ImportResult a = import(*store, m_viewA);
        QCOMPARE(a.outcome, ImportOutcome::Imported);
        QVERIFY(a.logWarnings.isEmpty());
        const ImportResult b = import(*store, m_viewB);
        QCOMPARE(b.outcome, ImportOutcome::Imported); // stored anyway: the finding needs both views
        QCOMPARE(b.logWarnings.size(), 1);
        QVERIFY2(b.logWarnings.first().contains(QLatin1String("split view")), qPrintable(b.logWarnings.first()));
        const ImportResult grown = import(*store, m_grown);
        QCOMPARE(grown.outcome, ImportOutcome::Imported);

        // The import entry records what import judged against the latest stored checkpoint.
        Result<QList<TrailEntry>> trail = store->trail();
        QVERIFY(trail);
        const QJsonObject judged = trail->at(qsizetype(b.trailSeq) - 1)
                                       .details.value(u"tlog")
                                       .toObject()
                                       .value(u"judged")
                                       .toArray()
                                       .first()
                                       .toObject();
        QCOMPARE(judged.value(u"status").toString(), QStringLiteral("split-view"));

        const QList<analytics::Finding> findings = logFindings(*store);
        QCOMPARE(findings.size(), 2);
        const auto find = [&](const QString& kind) {
            const auto it = std::find_if(findings.cbegin(), findings.cend(),
                [&](const analytics::Finding& f) { return f.details.value(u"kind").toString() == kind; });
            return it == findings.cend() ? analytics::Finding() : *it;
        };
        const analytics::Finding split = find(QStringLiteral("split-view"));
        QCOMPARE(split.severity, analytics::Severity::Critical);
        QCOMPARE(split.details.value(u"origin").toString(), kOrigin);
        const QString text = QString::fromUtf8(canonicalJson(split.toJson()));
        for (const QString& needle :
            { QString::fromLatin1(m_rootA.toHex()), QString::fromLatin1(m_rootB.toHex()), a.digest, b.digest, kOrigin })
            QVERIFY2(text.contains(needle), qPrintable(needle + QStringLiteral(" not in ") + text));
        QVERIFY(split.title.contains(QString::fromLatin1(m_rootA.toHex())));
        QVERIFY(split.title.contains(QString::fromLatin1(m_rootB.toHex())));
        QCOMPARE(split.details.value(u"earlier").toObject().value(u"treeSize").toInt(), 2);
        QCOMPARE(split.details.value(u"later").toObject().value(u"treeSize").toInt(), 2);

        // The larger checkpoint is proven from view A only, so it cannot be consistent with view B.
        const analytics::Finding unproven = find(QStringLiteral("unproven"));
        QCOMPARE(unproven.severity, analytics::Severity::Critical);
        QCOMPARE(unproven.details.value(u"earlier").toObject().value(u"rootHash").toString(),
            QString::fromLatin1(m_rootB.toHex()));
        QCOMPARE(unproven.details.value(u"later").toObject().value(u"rootHash").toString(),
            QString::fromLatin1(m_rootGrown.toHex()));
        const QString unprovenText = QString::fromUtf8(canonicalJson(unproven.toJson()));
        QVERIFY(unprovenText.contains(b.digest));
        QVERIFY(unprovenText.contains(grown.digest));

        // verify-case: the case is intact (nothing was tampered with), and the re-judged chain shows both breaks.
        const CaseVerification v = verifyCase(*store);
        QVERIFY2(v.intact(), qPrintable(listed(v.problems)));
        QCOMPARE(v.logCheckpoints, qint64(3));
        QCOMPARE(v.logBreaks.size(), 2);
    }

    void largerCheckpointNeedsAValidProof_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("reason"); // empty: consistent, no finding
        QTest::newRow("valid proof") << QStringLiteral("valid") << QString();
        QTest::newRow("no proof") << QStringLiteral("missing") << QStringLiteral("no verified consistency proof");
        QTest::newRow("wrong proof") << QStringLiteral("wrong") << QStringLiteral("does not verify");
        QTest::newRow("proof from another root") << QStringLiteral("other-root") << QStringLiteral("no verified");
    }
    void largerCheckpointNeedsAValidProof()
    {
        QFETCH(QString, variant);
        QFETCH(QString, reason);
        const QString small = telemetry(QStringLiteral("small-") + variant);
        const QString large = telemetry(QStringLiteral("large-") + variant);
        TransparencyLogWriter log(kOrigin, m_logKey);
        log.append(QDateTime::fromSecsSinceEpoch(kStart, Qt::UTC), "first entry");
        logIn(small, log);
        log.append(QDateTime::fromSecsSinceEpoch(kStart, Qt::UTC), "another entry");
        logIn(large, log, variant == u"missing" ? QList<quint64>() : QList<quint64> { 2 });
        TlogProof proof = readProof(large);
        if (variant == u"wrong")
            proof.consistency.first().hashes.first()[0] ^= 1;
        if (variant == u"other-root")
            proof.consistency.first().fromRootHash = m_rootB;
        writeProof(large, proof);

        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("larger-%1.capcase").arg(variant));
        QVERIFY(store);
        const ImportResult first = import(*store, small);
        const ImportResult second = import(*store, large);
        QCOMPARE(second.outcome, ImportOutcome::Imported);
        QCOMPARE(second.logWarnings.isEmpty(), reason.isEmpty());
        const QList<analytics::Finding> findings = logFindings(*store);
        if (reason.isEmpty()) {
            QVERIFY2(findings.isEmpty(), qPrintable(dumpFindings(findings)));
            return;
        }
        QCOMPARE(findings.size(), 1);
        const analytics::Finding& f = findings.first();
        QCOMPARE(f.severity, analytics::Severity::Critical);
        QCOMPARE(f.details.value(u"kind").toString(), QStringLiteral("unproven"));
        QVERIFY2(
            f.details.value(u"reason").toString().contains(reason), qPrintable(f.details.value(u"reason").toString()));
        const QString text = QString::fromUtf8(canonicalJson(f.toJson()));
        QVERIFY(text.contains(first.digest));
        QVERIFY(text.contains(second.digest));
        QCOMPARE(f.details.value(u"earlier").toObject().value(u"treeSize").toInt(), 2);
        QCOMPARE(f.details.value(u"later").toObject().value(u"treeSize").toInt(), 4);
    }

    // Import order must not change the verdict: all six orders of the split-view bundles give the same findings.
    void orderIndependent()
    {
        QStringList bundles { m_viewA, m_viewB, m_grown };
        std::sort(bundles.begin(), bundles.end());
        QString reference;
        int order = 0;
        do {
            std::unique_ptr<CaseStore> store = newCase(QStringLiteral("order-%1.capcase").arg(order++));
            QVERIFY(store);
            for (const QString& b : std::as_const(bundles))
                QCOMPARE(import(*store, b).outcome, ImportOutcome::Imported);
            const QString findings = dumpFindings(logFindings(*store));
            QVERIFY(!findings.isEmpty());
            if (reference.isEmpty())
                reference = findings;
            QCOMPARE(findings, reference);
        } while (std::next_permutation(bundles.begin(), bundles.end()));
        QCOMPARE(order, 6);
    }

    void verifyCaseDetectsTamperedCheckpoints_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("needle");
        // Rewriting view B's root to view A's would hide the split view from the rule.
        QTest::newRow("root rewritten") << QStringLiteral(
            "UPDATE tlog_checkpoints SET root_hash = '%1' WHERE bundle = 2")
                                        << QStringLiteral("tlog_checkpoints");
        QTest::newRow("size changed") << QStringLiteral("UPDATE tlog_checkpoints SET tree_size = 3 WHERE bundle = 2")
                                      << QStringLiteral("tlog_checkpoints");
        QTest::newRow("note changed") << QStringLiteral(
            "UPDATE tlog_checkpoints SET note = replace(note, '\n2\n', '\n7\n') WHERE bundle = 1")
                                      << QStringLiteral("tlog_checkpoints");
        QTest::newRow("checkpoint deleted")
            << QStringLiteral("DELETE FROM tlog_checkpoints WHERE bundle = 2") << QStringLiteral("row 0 missing");
        QTest::newRow("proof deleted") << QStringLiteral("DELETE FROM tlog_consistency")
                                       << QStringLiteral("tlog_consistency");
        QTest::newRow("checkpoint inserted") << QStringLiteral(
            "INSERT INTO tlog_checkpoints SELECT bundle, 1, origin, tree_size, root_hash, note, file FROM "
            "tlog_checkpoints WHERE bundle = 1")
                                             << QStringLiteral("not carried by the bundle");
    }
    void verifyCaseDetectsTamperedCheckpoints()
    {
        QFETCH(QString, sql);
        QFETCH(QString, needle);
        const QString name =
            QStringLiteral("tamper-%1.capcase").arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'));
        {
            std::unique_ptr<CaseStore> store = newCase(name);
            QVERIFY(store);
            for (const QString& b : { m_viewA, m_viewB, m_grown })
                QCOMPARE(import(*store, b).outcome, ImportOutcome::Imported);
            QCOMPARE(logFindings(*store).size(), 2);
            QVERIFY(verifyCase(*store).intact());
        }
        const QString file = m_dir.filePath(name);
        if (sql.contains(QLatin1String("%1")))
            sql = sql.arg(QString::fromLatin1(m_rootA.toHex()));
        QCOMPARE(execSql(file, dropTriggersSql() + sql), QString());
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        QVERIFY2(store, qPrintable(store.error().toString()));
        const CaseVerification v = verifyCase(**store);
        QVERIFY(!v.intact());
        QVERIFY2(
            names(v.problems, needle), qPrintable(needle + QStringLiteral(" not named in:\n") + listed(v.problems)));
        // Re-derived from the stored bundles, never from the rows: the chain still shows both breaks.
        QCOMPARE(v.logBreaks.size(), 2);
    }

    // The demo bank's log-split-view fault: found at its scope, naming both bundles and both roots of faults.json.
    void demoBankSplitView()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        Result<DemoCase> demoCase = makeDemoCase(root.path(), bankConfig(QStringLiteral("log-split-view"), 7));
        QVERIFY2(demoCase, qPrintable(demoCase ? QString() : demoCase.error().toString()));
        const QJsonArray faults = QJsonDocument::fromJson(readAll(demoCase->demoDir + QStringLiteral("/faults.json")))
                                      .object()
                                      .value(u"faults")
                                      .toArray();
        QCOMPARE(faults.size(), 1);
        const QJsonObject fault = faults.first().toObject();
        QCOMPARE(fault.value(u"rule").toString(), QLatin1String(analytics::rules::kEvidenceLogConsistency));
        const analytics::CheckReport report = check(demoCase->casePath);
        const QList<analytics::Finding> found = ofRule(report, fault.value(u"rule").toString());
        QVERIFY2(found.size() == 1, qPrintable(dump(found)));
        const analytics::Finding& f = found.first();
        QCOMPARE(f.severity, analytics::Severity::Critical);
        QCOMPARE(f.provider, fault.value(u"provider").toString());
        const QJsonObject expected = fault.value(u"expected").toObject();
        QCOMPARE(f.details.value(u"kind").toString(), expected.value(u"kind").toString());
        QCOMPARE(f.details.value(u"origin").toString(), expected.value(u"origin").toString());
        QStringList roots { f.details.value(u"earlier").toObject().value(u"rootHash").toString(),
            f.details.value(u"later").toObject().value(u"rootHash").toString() };
        QStringList want;
        for (const QJsonValue& b : fault.value(u"bundles").toArray())
            want << QString::fromLatin1(
                readProof(demoCase->demoDir + QLatin1Char('/') + b.toString()).rootHash.toHex());
        QCOMPARE(want.size(), 2);
        roots.sort();
        want.sort();
        QCOMPARE(roots, want);
        // Both carrying bundles are named (by the path they were imported from).
        const QString text = QString::fromUtf8(canonicalJson(f.toJson()));
        for (const QJsonValue& b : fault.value(u"bundles").toArray())
            QVERIFY2(text.contains(b.toString()), qPrintable(b.toString() + QStringLiteral(" not in ") + text));
    }

    void appendOnly()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("append-only.capcase"));
        QVERIFY(store);
        QCOMPARE(import(*store, m_viewA).outcome, ImportOutcome::Imported);
        store.reset();
        const QString file = m_dir.filePath(QStringLiteral("append-only.capcase"));
        QVERIFY(execSql(file, QStringLiteral("UPDATE tlog_checkpoints SET tree_size = 9"))
                    .contains(QLatin1String("append-only")));
        QVERIFY(execSql(file, QStringLiteral("DELETE FROM tlog_checkpoints")).contains(QLatin1String("append-only")));
    }
};

QTEST_GUILESS_MAIN(TestLogHistory)

#include "tst_loghistory.moc"

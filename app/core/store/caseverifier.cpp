// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/caseverifier.h"

#include "archive/bundlesource.h"
#include "crypto/digest.h"
#include "evidence/bundledigest.h"
#include "evidence/verifier.h"
#include "store/casefacts.h"
#include "store/casestore.h"
#include "store/dictionaries.h"
#include "store/logverify.h"
#include "store/rowcodec.h"
#include "store/rowscheck.h"
#include "util/prefetch.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>

#include <optional>

namespace capaudit {

QString CaseProblem::toString() const
{
    QString out = area + QLatin1Char(' ') + subject;
    if (!path.isEmpty())
        out += QStringLiteral(": ") + path;
    return out + QStringLiteral(": ") + message;
}

QJsonObject CaseVerification::toJson() const
{
    QJsonArray list;
    for (const CaseProblem& p : problems)
        list.append(QJsonObject { { QStringLiteral("area"), p.area }, { QStringLiteral("subject"), p.subject },
            { QStringLiteral("path"), p.path }, { QStringLiteral("message"), p.message } });
    return QJsonObject { { QStringLiteral("intact"), intact() }, { QStringLiteral("cancelled"), cancelled },
        { QStringLiteral("trailEntries"), trailEntries }, { QStringLiteral("bundles"), bundles },
        { QStringLiteral("rows"), rows }, { QStringLiteral("problems"), list },
        { QStringLiteral("logHistory"),
            QJsonObject { { QStringLiteral("origins"), logOrigins }, { QStringLiteral("checkpoints"), logCheckpoints },
                { QStringLiteral("breaks"), QJsonArray::fromStringList(logBreaks) } } } };
}

namespace {

class Run {
public:
    Run(CaseStore& store, CaseVerification& out)
        : m_store(store)
        , m_db(store.database())
        , m_out(out)
        , m_dictionaries(m_db)
        , m_codec(m_db, m_dictionaries)
    {
    }

    void problem(const QString& area, const QString& subject, const QString& path, const QString& message)
    {
        m_out.problems.append({ area, subject, path, message });
    }
    void sqlChecks();
    void trail();
    void anchors();
    void bundle(const StoredBundle& b);
    void orphans(const QSet<qint64>& bundleIds);
    void missingBundles(const QList<StoredBundle>& bundles);
    void logHistory();
    bool loadDictionaries()
    {
        if (Status s = m_dictionaries.loadAll(); !s) {
            problem(QStringLiteral("integrity"), QStringLiteral("dictionaries"), {}, s.error().toString());
            return false;
        }
        m_lane = RowsLane::open(m_db, m_trail);
        return true;
    }

private:
    // A data file left in the case: re-verification hashes it with another algorithm from there if it must.
    struct KeptFile {
        qint64 blob = 0;
        BundleSource::StoredFile file;
    };
    using KeptFiles = QMap<QString, KeptFile>;
    bool materialise(const StoredBundle& b, const QString& dir, QMap<QString, QByteArray>& shas, KeptFiles& kept);
    Verdict reverify(
        const StoredBundle& b, const QString& dir, const QMap<QString, QByteArray>& shas, const KeptFiles& kept);
    void anchorScope(const CaseAnchor& a, const TrailEntry& added);

    CaseStore& m_store;
    sql::Database& m_db;
    CaseVerification& m_out;
    Dictionaries m_dictionaries;
    RowCodec m_codec;
    QHash<qint64, TrailEntry> m_trail; // entries bundles and anchors point at
    RowsCheck m_rows { m_db, m_codec, m_trail };
    std::unique_ptr<RowsLane> m_lane; // null: the rows are re-derived on this connection
    QHash<qint64, QJsonArray> m_inferredScopes; // anchor id -> scope the schema-4 migration inferred
    QHash<qint64, TrailEntry> m_allTrail; // every entry, for the documents
    LogHistoryCheck m_logs;

public:
    const QHash<qint64, TrailEntry>& allTrail() const
    {
        return m_allTrail;
    }
};

void Run::sqlChecks()
{
    for (const char* pragma : { "PRAGMA integrity_check", "PRAGMA foreign_key_check" }) {
        std::unique_ptr<sql::Statement> check = m_db.prepareOnce(QString::fromLatin1(pragma));
        if (!check) {
            problem(QStringLiteral("integrity"), QString::fromLatin1(pragma), {}, m_db.lastError().toString());
            continue;
        }
        while (check->next()) {
            if (check->text(0) == u"ok")
                continue;
            const QString message = check->text(0)
                + (check->isNull(1) ? QString()
                                    : QStringLiteral(" rowid %1 refers to a missing %2 row")
                                          .arg(check->int64(1))
                                          .arg(check->text(2)));
            problem(QStringLiteral("integrity"), QString::fromLatin1(pragma).mid(7), {}, message);
        }
        if (check->failed())
            problem(QStringLiteral("integrity"), QString::fromLatin1(pragma), {}, check->error().toString());
    }
}

void Run::trail()
{
    Result<ChainCheck> chain = verifyTrailChain(m_db);
    if (!chain) {
        problem(QStringLiteral("trail"), QStringLiteral("audit_trail"), {}, chain.error().toString());
        return;
    }
    m_out.trailEntries = chain->entries;
    if (chain->firstBrokenSeq)
        problem(QStringLiteral("trail"), QStringLiteral("entry %1").arg(chain->firstBrokenSeq), {}, chain->problem);
    Result<QList<TrailEntry>> entries = readTrail(m_db);
    if (entries) {
        for (const TrailEntry& e : *entries) {
            m_allTrail.insert(e.seq, e);
            if (e.action == QLatin1String(trail::kImport) || e.action == QLatin1String(trail::kAnchorAdded)
                || e.action == QLatin1String(trail::kAnchorRemoved))
                m_trail.insert(e.seq, e);
            if (e.action == QLatin1String(trail::kMigration))
                for (const QJsonValue scope : e.details.value(QStringLiteral("inferredScopes")).toArray())
                    m_inferredScopes.insert(scope.toObject().value(QStringLiteral("anchor")).toInteger(),
                        scope.toObject().value(QStringLiteral("providers")).toArray());
        }
    }
}

void Run::anchors()
{
    Result<QList<CaseAnchor>> all = m_store.anchors(true);
    if (!all) {
        problem(QStringLiteral("anchor"), QStringLiteral("trust_anchors"), {}, all.error().toString());
        return;
    }
    QSet<qint64> referenced;
    sql::Statement* stored = m_db.prepare("SELECT fingerprint FROM trust_anchors WHERE id = ?");
    for (const CaseAnchor& a : *all) {
        const QString subject = a.anchor.fingerprint.left(16);
        stored->bind(1, a.id);
        const QString storedFingerprint = stored->next() ? stored->text(0) : QString();
        stored->reset();
        if (storedFingerprint != a.anchor.fingerprint)
            problem(QStringLiteral("anchor"), subject, a.anchor.fileName,
                QStringLiteral("stored fingerprint %1 is not that of the stored anchor bytes").arg(storedFingerprint));
        const TrailEntry added = m_trail.value(a.addedSeq);
        if (added.action != QLatin1String(trail::kAnchorAdded)
            || added.details.value(QStringLiteral("fingerprint")).toString() != a.anchor.fingerprint)
            problem(QStringLiteral("anchor"), subject, a.anchor.fileName,
                QStringLiteral("no trail entry %1 records adding this anchor").arg(a.addedSeq));
        referenced.insert(a.addedSeq);
        anchorScope(a, added);
        if (!a.active()) {
            const TrailEntry removed = m_trail.value(a.removedSeq);
            if (removed.action != QLatin1String(trail::kAnchorRemoved)
                || removed.details.value(QStringLiteral("fingerprint")).toString() != a.anchor.fingerprint)
                problem(QStringLiteral("anchor"), subject, a.anchor.fileName,
                    QStringLiteral("no trail entry %1 records removing this anchor").arg(a.removedSeq));
            referenced.insert(a.removedSeq);
        }
    }
    // The reverse: an anchor row deleted (or its removal undone) behind the app's back.
    for (auto it = m_trail.cbegin(); it != m_trail.cend(); ++it) {
        if (it->action != QLatin1String(trail::kImport) && !referenced.contains(it.key()))
            problem(QStringLiteral("anchor"), it->details.value(QStringLiteral("fingerprint")).toString().left(16),
                it->details.value(QStringLiteral("file")).toString(),
                QStringLiteral("trail entry %1 (%2) has no matching anchor row").arg(it.key()).arg(it->action));
    }
}

// An anchor's role, scope and identity are what its trail entry recorded (or, for an anchor older than scopes, what
// the migration entry inferred): edited behind the app's back, they would authorize a signer nobody authorized.
void Run::anchorScope(const CaseAnchor& a, const TrailEntry& added)
{
    const QJsonValue recorded = added.details.value(QStringLiteral("providers"));
    const QJsonArray expected = recorded.isArray() ? recorded.toArray() : m_inferredScopes.value(a.id);
    const QJsonObject identity = added.details.value(QStringLiteral("identity")).toObject();
    QStringList problems;
    if (QJsonArray::fromStringList(a.anchor.providers) != expected)
        problems.append(
            QStringLiteral("scope %1 is not the recorded %2")
                .arg(QString::fromUtf8(
                         QJsonDocument(QJsonArray::fromStringList(a.anchor.providers)).toJson(QJsonDocument::Compact)),
                    QString::fromUtf8(QJsonDocument(expected).toJson(QJsonDocument::Compact))));
    if (a.anchor.role != added.details.value(QStringLiteral("role")).toString())
        problems.append(QStringLiteral("role '%1' is not the recorded '%2'")
                            .arg(a.anchor.role, added.details.value(QStringLiteral("role")).toString()));
    if (a.anchor.identity.san != identity.value(QStringLiteral("san")).toString()
        || a.anchor.identity.issuer != identity.value(QStringLiteral("issuer")).toString())
        problems.append(QStringLiteral("signer identity '%1' / '%2' is not the recorded one")
                            .arg(a.anchor.identity.san, a.anchor.identity.issuer));
    if (!problems.isEmpty())
        problem(QStringLiteral("anchor"), a.anchor.fingerprint.left(16), a.anchor.fileName,
            problems.join(QStringLiteral("; ")));
}

bool Run::materialise(const StoredBundle& b, const QString& dir, QMap<QString, QByteArray>& shas, KeptFiles& kept)
{
    Result<QList<BundleFileRef>> files = m_store.bundleFiles(b.id);
    if (!files) {
        problem(QStringLiteral("bundle"), b.digest, b.sourcePath, files.error().toString());
        return false;
    }
    bool ok = true;
    for (const BundleFileRef& f : *files) {
        const QString target = dir + QLatin1Char('/') + f.path;
        if (f.path.contains(QLatin1String("..")) || f.path.startsWith(QLatin1Char('/'))) {
            problem(QStringLiteral("bundle"), b.digest, f.path, QStringLiteral("unsafe stored file name"));
            ok = false;
            continue;
        }
        // The data files stay in the case: re-verification needs their digests, not their bytes on disk (a year of
        // telemetry would need that much free space). The envelope, chain and log files are written out.
        const bool keep = f.path.startsWith(QLatin1String("data/"));
        QFile out(target);
        if (!keep) {
            QDir().mkpath(QFileInfo(target).absolutePath());
            if (!out.open(QIODevice::WriteOnly)) {
                problem(QStringLiteral("bundle"), b.digest, f.path,
                    QStringLiteral("cannot materialise: %1").arg(out.errorString()));
                ok = false;
                continue;
            }
        }
        // One pass: the copy goes to this run's own temporary directory and is only used if every byte matched.
        qint64 size = 0;
        const Result<QByteArray> read = m_store.copyBlob(
            f.blobId,
            [&](QByteArrayView bytes) -> Status {
                size += bytes.size();
                if (!keep && out.write(bytes.data(), bytes.size()) != bytes.size())
                    return Error(target, out.errorString());
                return {};
            },
            f.path);
        if (keep && read)
            kept.insert(f.path, KeptFile { f.blobId, BundleSource::StoredFile { size, *read } });
        const QByteArray digest = read ? *read : QByteArray();
        shas.insert(f.path, digest);
        if (!read) {
            problem(QStringLiteral("bundle"), b.digest, f.path, read.error().toString());
            ok = false;
        } else if (QString::fromLatin1(digest.toHex()) != f.sha256 || size != f.size) {
            problem(QStringLiteral("bundle"), b.digest, f.path,
                QStringLiteral("stored bytes do not match their recorded SHA-256 %1").arg(f.sha256));
            ok = false;
        }
    }
    if (bundleDigest(shas) != b.digest) {
        problem(QStringLiteral("bundle"), b.digest, b.sourcePath,
            QStringLiteral("the stored files do not make up this bundle digest (files changed, added or removed)"));
        ok = false;
    }
    return ok;
}

Verdict Run::reverify(
    const StoredBundle& b, const QString& dir, const QMap<QString, QByteArray>& shas, const KeptFiles& kept)
{
    Result<TrustStore> trust = m_store.trustStoreAt(b.importSeq);
    if (!trust) {
        problem(QStringLiteral("bundle"), b.digest, b.sourcePath, trust.error().toString());
        return {};
    }
    BundleVerifier verifier(*trust);
    // The instant the import judged certificate validity at, so a signer certificate that has expired since leaves
    // the case intact; never the clock's "now".
    verifier.setVerificationTime(reverificationTime(b));
    // The files were hashed as materialise() wrote them: the verifier compares those digests instead of reading the
    // bytes a third time.
    Result<BundleSource> source = BundleSource::open(dir);
    QMap<QString, BundleSource::StoredFile> listed;
    for (auto it = kept.cbegin(); it != kept.cend(); ++it)
        listed.insert(it.key(), it->file);
    // Only for a digest other than SHA-256 a statement names: streamed from the case once more.
    const auto hashKept = [this, &kept](
                              const QString& relative, crypto::HashAlgorithm algorithm) -> Result<QByteArray> {
        crypto::Hasher hasher(algorithm);
        const Result<QByteArray> read = m_store.copyBlob(
            kept.value(relative).blob,
            [&hasher](QByteArrayView bytes) -> Status {
                hasher.add(bytes);
                return {};
            },
            relative);
        if (!read)
            return read.error();
        return hasher.finish();
    };
    const Verdict fresh = source ? verifier.verify(source->withKnownSha256(shas).withStoredFiles(listed, hashKept))
                                 : verifier.verify(dir);
    compareBundleRow(m_db, b, fresh, m_trail.value(b.importSeq), m_out.problems);
    const Verdict& stored = b.details;
    QStringList differences;
    if (fresh.verdict != b.verdict || stored.verdict != b.verdict)
        differences
            << QStringLiteral("verdict now %1, stored %2").arg(verdictName(fresh.verdict), verdictName(b.verdict));
    if (fresh.bundleDigest != b.digest || stored.bundleDigest != b.digest)
        differences << QStringLiteral("digest now %1").arg(fresh.bundleDigest);
    QMap<QString, CheckStatus> before;
    for (const Check& c : stored.checks)
        before.insert(c.id, c.status);
    for (const Check& c : fresh.checks) {
        // Verdicts stored before schema 4 have no signer.authorized; the migration scoped their anchors so that it
        // passes, and anything else than a pass is a difference.
        if (c.id == QLatin1String(checks::kAuthorized) && !before.contains(c.id) && c.status == CheckStatus::Pass)
            continue;
        if (before.value(c.id, CheckStatus::Skipped) != c.status)
            differences << QStringLiteral("check %1 now %2 (%3)").arg(c.id, checkStatusName(c.status), c.reason);
    }
    if (fresh.signer.keyFingerprint != b.signerFingerprint)
        differences << QStringLiteral("signer now %1").arg(fresh.signer.keyFingerprint);
    if (!differences.isEmpty())
        problem(QStringLiteral("bundle"), b.digest, b.sourcePath,
            QStringLiteral("re-verification differs from the stored verdict: ")
                + differences.join(QStringLiteral("; ")));
    return fresh;
}

void Run::bundle(const StoredBundle& b)
{
    const TrailEntry entry = m_trail.value(b.importSeq);
    if (entry.action != QLatin1String(trail::kImport)
        || entry.details.value(QStringLiteral("digest")).toString() != b.digest
        || entry.details.value(QStringLiteral("rowsDigest")).toString() != b.rowsDigest)
        problem(QStringLiteral("bundle"), b.digest, b.sourcePath,
            QStringLiteral("trail entry %1 does not record this import").arg(b.importSeq));
    QTemporaryDir dir;
    if (!dir.isValid()) {
        problem(QStringLiteral("bundle"), b.digest, b.sourcePath,
            QStringLiteral("cannot create a temporary directory: %1").arg(dir.errorString()));
        return;
    }
    // The rows are re-derived on the lane's connection while the files are re-verified on this one; the problems
    // are reported in the same order either way.
    QList<CaseProblem> rowProblems;
    qint64 rows = 0;
    std::optional<Prefetch<bool>> rowsLane;
    if (m_lane)
        rowsLane.emplace([&] {
            m_lane->check().run(b, rowProblems, rows);
            return true;
        });
    QMap<QString, QByteArray> shas;
    KeptFiles kept;
    // A bundle whose bytes are already known to be wrong is not re-verified: that would only restate the problem.
    if (materialise(b, dir.path(), shas, kept)) {
        const Verdict fresh = reverify(b, dir.path(), shas, kept);
        if (!fresh.checks.isEmpty())
            m_logs.bundle(m_db, b, dir.path(), fresh, m_trail.value(b.importSeq).details, m_out.problems);
    }
    if (rowsLane)
        rowsLane->take();
    else
        m_rows.run(b, rowProblems, rows);
    m_out.problems += rowProblems;
    m_out.rows += rows;
}

void Run::logHistory()
{
    const LogHistory history = m_logs.finish();
    m_out.logOrigins = history.origins.size();
    m_out.logCheckpoints = history.checkpoints;
    for (const LogBreak& b : history.breaks)
        m_out.logBreaks.append(QStringLiteral("%1 '%2': %3 and %4: %5")
                                   .arg(b.kindName(), b.origin, b.earlier.describe(), b.later.describe(), b.reason));
}

void Run::orphans(const QSet<qint64>& bundleIds)
{
    QList<QByteArray> tables = rowTables();
    tables << "rollups"
           << "coverage"
           << "node_hours"
           << "node_hours_built"
           << "tlog_checkpoints"
           << "tlog_consistency"
           << "sample_blocks"
           << "bundle_files";
    for (const QByteArray& table : tables) {
        // Walks the distinct bundle ids by index seeks rather than scanning every row.
        std::unique_ptr<sql::Statement> next = m_db.prepareOnce(
            QStringLiteral("SELECT bundle FROM %1 WHERE bundle > ? ORDER BY bundle LIMIT 1").arg(QLatin1String(table)));
        if (!next)
            continue;
        qint64 last = std::numeric_limits<qint64>::min();
        for (;;) {
            next->bind(1, last);
            if (!next->next())
                break;
            last = next->int64(0);
            next->reset();
            if (!bundleIds.contains(last))
                problem(QStringLiteral("orphan"), QString::fromLatin1(table), {},
                    QStringLiteral("rows of bundle id %1, which is not in the bundles table").arg(last));
        }
    }
}

// Every import the trail records must still be in the case (a deleted bundle row leaves its trail entry behind).
void Run::missingBundles(const QList<StoredBundle>& bundles)
{
    QSet<QString> present;
    for (const StoredBundle& b : bundles)
        present.insert(b.digest);
    for (auto it = m_trail.cbegin(); it != m_trail.cend(); ++it) {
        const QString digest = it->details.value(QStringLiteral("digest")).toString();
        if (it->action == QLatin1String(trail::kImport) && !present.contains(digest))
            problem(QStringLiteral("bundle"), digest, it->details.value(QStringLiteral("path")).toString(),
                QStringLiteral("trail entry %1 records its import, but the bundle is no longer in the case")
                    .arg(it.key()));
    }
}

} // namespace

CaseVerification verifyCase(
    CaseStore& store, const std::function<void(double, const QString&)>& progress, const std::atomic_bool* cancel)
{
    CaseVerification out;
    auto report = [&](double f, const QString& m) {
        if (progress)
            progress(f, m);
    };
    // One snapshot from the first read to the last: an import committed meanwhile by another process is not seen
    // half (its samples without its bundles row would look like orphans).
    sql::ReadTransaction snapshot(store.database());
    if (!snapshot.begun()) {
        out.problems.append(
            { QStringLiteral("integrity"), QStringLiteral("snapshot"), {}, snapshot.begun().error().toString() });
        return out;
    }
    Run run(store, out);
    report(0, QStringLiteral("schema"));
    checkSchema(store.database(), out.problems);
    report(0.01, QStringLiteral("integrity check"));
    run.sqlChecks();
    report(0.05, QStringLiteral("audit trail"));
    run.trail();
    run.anchors();
    checkDocuments(store.database(), run.allTrail(), out.problems);
    if (!run.loadDictionaries())
        return out;
    Result<QList<StoredBundle>> bundles = store.bundles();
    if (!bundles) {
        run.problem(QStringLiteral("bundle"), QStringLiteral("bundles"), {}, bundles.error().toString());
        return out;
    }
    QSet<qint64> ids;
    for (qsizetype i = 0; i < bundles->size(); ++i) {
        if (cancel && cancel->load()) {
            out.cancelled = true;
            return out;
        }
        const StoredBundle& b = bundles->at(i);
        report(0.1 + 0.85 * double(i) / double(bundles->size()), QStringLiteral("bundle %1").arg(b.sourcePath));
        run.bundle(b);
        ids.insert(b.id);
        ++out.bundles;
    }
    report(0.96, QStringLiteral("orphan rows"));
    run.orphans(ids);
    run.missingBundles(*bundles);
    run.logHistory();
    report(1, QStringLiteral("done"));
    return out;
}

} // namespace capaudit

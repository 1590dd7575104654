// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/logverify.h"

#include "archive/bundlesource.h"
#include "evidence/logevidence.h"
#include "store/casestore.h"
#include "store/logstore.h"

namespace capaudit {

namespace {

QString describe(const LoggedCheckpoint& c)
{
    return QStringLiteral("checkpoint '%1' size %2 root %3 (%4)")
        .arg(c.origin)
        .arg(c.treeSize)
        .arg(QString::fromLatin1(c.rootHash.toHex()), c.file);
}

QString describe(const LoggedConsistency& p)
{
    return QStringLiteral("consistency proof '%1' %2 -> %3 (%4)")
        .arg(p.origin)
        .arg(p.fromSize)
        .arg(p.toSize)
        .arg(p.file);
}

template <typename Row>
void compareRows(const QList<Row>& stored, const QList<Row>& derived, const char* table, const StoredBundle& b,
    QList<CaseProblem>& problems)
{
    const QString area = QStringLiteral("bundle");
    const QString what = QString::fromLatin1(table);
    for (qsizetype i = 0; i < std::max(stored.size(), derived.size()); ++i) {
        if (i >= stored.size()) {
            problems.append({ area, b.digest, what,
                QStringLiteral("row %1 missing: the bundle's files carry %2").arg(i).arg(describe(derived.at(i))) });
        } else if (i >= derived.size()) {
            problems.append({ area, b.digest, what,
                QStringLiteral("row %1 (%2) is not carried by the bundle's files")
                    .arg(i)
                    .arg(describe(stored.at(i))) });
        } else if (!(stored.at(i) == derived.at(i))) {
            problems.append({ area, b.digest, what,
                QStringLiteral("row %1 stores %2, but the bundle's signed files give %3")
                    .arg(i)
                    .arg(describe(stored.at(i)), describe(derived.at(i))) });
        }
    }
}

} // namespace

void LogHistoryCheck::bundle(sql::Database& db, const StoredBundle& b, const QString& dir, const Verdict& fresh,
    const QJsonObject& imported, QList<CaseProblem>& problems)
{
    Result<BundleLogEvidence> stored = logstore::read(db, b.id);
    if (!stored) {
        problems.append(
            { QStringLiteral("bundle"), b.digest, QStringLiteral("tlog_checkpoints"), stored.error().toString() });
        return;
    }
    auto source = BundleSource::open(dir);
    Result<BundleLogEvidence> derived =
        source ? bundleLogEvidence(*source, fresh) : Result<BundleLogEvidence>(source.error());
    if (!derived) {
        problems.append({ QStringLiteral("bundle"), b.digest, b.sourcePath,
            QStringLiteral("transparency-log evidence: %1").arg(derived.error().toString()) });
        return;
    }
    // A bundle imported before schema 5 has no rows and its chained import entry no "tlog" key; since then the entry
    // records how many rows import wrote, so removing them with the key is impossible without breaking the trail.
    const QJsonValue recorded = imported.value(QStringLiteral("tlog"));
    if (recorded.isUndefined() && stored->isEmpty())
        return;
    if (!recorded.isUndefined()
        && (recorded.toObject().value(QStringLiteral("checkpoints")).toInteger(-1) != derived->checkpoints.size()
            || recorded.toObject().value(QStringLiteral("proofs")).toInteger(-1) != derived->proofs.size()))
        problems.append({ QStringLiteral("bundle"), b.digest, b.sourcePath,
            QStringLiteral("the import entry records %1 log checkpoint(s) and %2 proof(s), the bundle's files carry %3 "
                           "and %4")
                .arg(recorded.toObject().value(QStringLiteral("checkpoints")).toInteger(-1))
                .arg(recorded.toObject().value(QStringLiteral("proofs")).toInteger(-1))
                .arg(derived->checkpoints.size())
                .arg(derived->proofs.size()) });
    // The stored note is what a reader of the case would re-verify by hand: it must be exactly the carried one.
    compareRows(stored->checkpoints, derived->checkpoints, "tlog_checkpoints", b, problems);
    compareRows(stored->proofs, derived->proofs, "tlog_consistency", b, problems);
    for (const LoggedCheckpoint& c : std::as_const(derived->checkpoints))
        m_sightings.append({ c.origin, c.treeSize, c.rootHash, { b.digest, b.sourcePath, b.provider, c.file } });
    for (const LoggedConsistency& p : std::as_const(derived->proofs))
        m_claims.append({ p.origin, p.fromSize, p.fromRoot, p.toSize, p.toRoot, p.hashes,
            { b.digest, b.sourcePath, b.provider, p.file } });
}

LogHistory LogHistoryCheck::finish() const
{
    return analyzeLogHistory(m_sightings, m_claims);
}

} // namespace capaudit

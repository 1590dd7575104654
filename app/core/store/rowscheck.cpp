// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/rowscheck.h"

#include "store/nodehourbuilder.h"
#include "store/rollupbuilder.h"
#include "store/rowsdigest.h"

#include <QJsonValue>

namespace capaudit {

namespace {

void bundleProblem(QList<CaseProblem>& problems, const StoredBundle& b, const QString& message)
{
    problems.append({ QStringLiteral("bundle"), b.digest, b.sourcePath, message });
}

// What a snapshot shows of the trail. Every import and every upgrade, the only writes that touch a bundle's rows,
// append a trail entry in the same transaction: two snapshots with the same trail see the same rows.
Result<QString> trailHead(sql::Database& db)
{
    std::unique_ptr<sql::Statement> head = db.prepareOnce(QStringLiteral(
        "SELECT count(*), coalesce(max(seq), 0), (SELECT hash FROM audit_trail ORDER BY seq DESC LIMIT 1) "
        "FROM audit_trail"));
    if (!head)
        return db.lastError();
    if (!head->next())
        return head->failed() ? Result<QString>(head->error()) : Result<QString>(QString());
    return QStringLiteral("%1/%2/%3").arg(head->int64(0)).arg(head->int64(1)).arg(head->text(2));
}

} // namespace

void RowsCheck::run(const StoredBundle& b, QList<CaseProblem>& problems, qint64& rows)
{
    RowsDigest digest;
    RollupBuilder rollups;
    NodeHourBuilder nodeHours;
    const Status read = m_codec.digestStored(b.id, digest, [&](const StoredSample& s) {
        rollups.add(s.seq, s.time, s.resource, s.tenant, s.allocated, s.used, s.capacity);
        nodeHours.add(s.seq, s.payload, s.time, s.node, s.resource, s.tenant, s.allocated, s.capacity, int(s.state));
    });
    if (!read) {
        bundleProblem(problems, b, read.error().toString());
        return;
    }
    rows += digest.rows();
    if (digest.rows() != b.rowCount)
        bundleProblem(
            problems, b, QStringLiteral("%1 rows stored, %2 recorded at import").arg(digest.rows()).arg(b.rowCount));
    if (const QString now = digest.finish(); now != b.rowsDigest)
        bundleProblem(problems, b,
            QStringLiteral("rows digest %1 does not match %2 recorded at import: parsed rows were edited")
                .arg(now, b.rowsDigest));
    rollups.finish();
    if (Status s = rollups.rescanIfNeeded(m_db, b.id); !s)
        bundleProblem(problems, b, s.error().toString());
    Result<QList<RollupRow>> storedRollups = RollupBuilder::readRows(m_db, b.id);
    Result<QList<CoverageRow>> storedCoverage = RollupBuilder::readCoverage(m_db, b.id);
    if (!storedRollups || *storedRollups != rollups.rows())
        bundleProblem(problems, b, QStringLiteral("rollups differ from the ones rebuilt from the bundle's samples"));
    if (!storedCoverage || *storedCoverage != rollups.coverage())
        bundleProblem(
            problems, b, QStringLiteral("coverage rows differ from the ones rebuilt from the bundle's samples"));
    nodeHoursOf(b, nodeHours, problems);
}

void RowsCheck::nodeHoursOf(const StoredBundle& b, NodeHourBuilder& rebuilt, QList<CaseProblem>& problems)
{
    // A bundle imported before schema version 3 has none; the import trail entry of one imported since records how
    // many it has (telemetry only).
    const QJsonValue recorded = m_trail.value(b.importSeq).details.value(QStringLiteral("nodeHours"));
    Result<bool> built = NodeHourBuilder::hasAggregates(m_db, b.id);
    if (!built) {
        bundleProblem(problems, b, built.error().toString());
        return;
    }
    rebuilt.finish();
    Result<QList<NodeHourRow>> stored = NodeHourBuilder::read(m_db, b.id);
    if (!stored) {
        bundleProblem(problems, b, stored.error().toString());
        return;
    }
    if (!*built && stored->isEmpty() && recorded.isUndefined())
        return;
    if (!*built || *stored != rebuilt.rows() || recorded.toInteger(-1) != stored->size())
        bundleProblem(
            problems, b, QStringLiteral("node-hour aggregates differ from the ones rebuilt from the bundle's samples"));
}

std::unique_ptr<RowsLane> RowsLane::open(sql::Database& main, const QHash<qint64, TrailEntry>& trail)
{
    Result<QString> mainHead = trailHead(main);
    if (!mainHead || main.path().isEmpty() || main.path() == u":memory:")
        return nullptr;
    std::unique_ptr<RowsLane> lane(new RowsLane(trail));
    if (!lane->m_db.open(main.path(), sql::Database::Mode::OpenExisting))
        return nullptr;
    lane->m_snapshot = std::make_unique<sql::ReadTransaction>(lane->m_db);
    if (!lane->m_snapshot->begun())
        return nullptr;
    Result<QString> laneHead = trailHead(lane->m_db);
    if (!laneHead || *laneHead != *mainHead || !lane->m_dictionaries.loadAll())
        return nullptr;
    return lane;
}

} // namespace capaudit

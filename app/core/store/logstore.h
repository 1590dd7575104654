// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/logevidence.h"
#include "evidence/loghistory.h"
#include "util/result.h"

#include <QJsonArray>
#include <QStringList>

namespace capaudit::sql {
class Database;
}

// The transparency-log history of a case (schema version 5): tables tlog_checkpoints and tlog_consistency.
namespace capaudit::logstore {

// Stores BUNDLE's checkpoints and consistency proofs, seq in carried order.
Status write(sql::Database& db, qint64 bundleId, const BundleLogEvidence& evidence);
// The stored rows of BUNDLE in seq order; verify-case compares them with the ones re-derived from its files.
Result<BundleLogEvidence> read(sql::Database& db, qint64 bundleId);

struct StoredHistory {
    QList<CheckpointSighting> sightings;
    QList<ConsistencyClaim> claims;
};
// Every stored checkpoint and proof with the bundle that carried it; of ORIGIN only when it is not empty.
Result<StoredHistory> load(sql::Database& db, const QString& origin = {});

// What import says of EVIDENCE, carried by CARRIER and not stored yet, against the latest stored checkpoint of each
// origin: one object per checkpoint ({origin, treeSize, rootHash, status, latest, reason}; status "first", "same",
// "consistent", "older-consistent", "split-view" or "unproven"), for the import trail entry. A break also goes to
// WARNINGS in plain words. Storing it anyway is the point: the finding needs both sides in the case.
Result<QJsonArray> judgeAtImport(
    sql::Database& db, const BundleLogEvidence& evidence, const LogCarrier& carrier, QStringList& warnings);

} // namespace capaudit::logstore

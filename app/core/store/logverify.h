// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/loghistory.h"
#include "evidence/verdict.h"
#include "store/caseverifier.h"

#include <QJsonObject>

namespace capaudit {

struct StoredBundle;

namespace sql {
class Database;
}

// verify-case's part for the transparency-log history: each bundle's tlog_checkpoints and tlog_consistency rows
// against the ones re-derived from its stored files, then the whole chain of checkpoints re-judged from the re-derived
// ones (the stored rows are never believed, only compared).
class LogHistoryCheck {
public:
    // DIR: BUNDLE's files materialised from the case; FRESH: their re-verification; IMPORTED: the details of its
    // import trail entry, whose "tlog" key (written since schema 5) says the rows must exist.
    void bundle(sql::Database& db, const StoredBundle& b, const QString& dir, const Verdict& fresh,
        const QJsonObject& imported, QList<CaseProblem>& problems);
    LogHistory finish() const;

private:
    QList<CheckpointSighting> m_sightings;
    QList<ConsistencyClaim> m_claims;
};

} // namespace capaudit

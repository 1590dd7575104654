// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Parts of verify-case that re-derive the facts a case stores beside its signed bytes (docs/case-file.md
// "verify-case"): the bundles row from a fresh verification of the stored statement, the reviewer documents from
// their content and the trail, and the schema from CapAudit's own migrations.

#include "store/audittrail.h"
#include "store/caseverifier.h"

#include <QHash>

namespace capaudit {

namespace sql {
class Database;
}
struct StoredBundle;
struct Verdict;

// The instant verify-case re-verifies B at: the stored validation time; for a verdict written before it was stored,
// the stored signing time (a log time or the signer's claim), else the import time. Never the clock's "now".
QDateTime reverificationTime(const StoredBundle& b);

// Compares every column of B's bundles row (and its import trail entry) with what FRESH, the verification of the
// stored files, and the predicate parsed from its statement give. One problem per differing column.
void compareBundleRow(sql::Database& db, const StoredBundle& b, const Verdict& fresh, const TrailEntry& imported,
    QList<CaseProblem>& out);

// Every case_documents row: content is canonical JSON whose SHA-256 is the stored digest, and its trail entry
// "<kind>-saved" names the same kind, name and digest; every such entry still has its row. TRAIL: all entries.
void checkDocuments(sql::Database& db, const QHash<qint64, TrailEntry>& trail, QList<CaseProblem>& out);

// The schema against the one CapAudit creates for the case's version (store/schemacheck.h).
void checkSchema(sql::Database& db, QList<CaseProblem>& out);

} // namespace capaudit

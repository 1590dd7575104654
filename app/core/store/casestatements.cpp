// SPDX-License-Identifier: GPL-3.0-or-later
// CaseStore: finding a stored bundle by its signed statement rather than by its bytes.
#include "store/casestore.h"

namespace capaudit {

Result<std::optional<StoredBundle>> CaseStore::bundleByStatement(BundleKind kind, const QString& statementDigest)
{
    if (statementDigest.isEmpty())
        return std::optional<StoredBundle>();
    // No schema change: the statement digest lives in verdict_json. The scan is bounded to bundles of one kind and
    // SQLite's JSON extraction runs in C without materialising rows (a few thousand bundles take milliseconds;
    // tst_caseimport measures it). Bundles imported before statementDigest existed are not matched.
    sql::Statement* select =
        m_db.prepare("SELECT digest FROM bundles WHERE kind = ?1 "
                     "AND json_extract(verdict_json, '$.statementDigest') = ?2 ORDER BY id LIMIT 1");
    if (!select)
        return m_db.lastError();
    select->bind(1, bundleKindName(kind));
    select->bind(2, statementDigest);
    QString digest;
    if (select->next())
        digest = select->text(0);
    if (select->failed())
        return select->error();
    if (digest.isEmpty())
        return std::optional<StoredBundle>();
    return bundleByDigest(digest);
}

} // namespace capaudit

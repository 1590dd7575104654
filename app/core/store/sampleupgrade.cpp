// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sampleupgrade.h"

#include "store/casestore.h"
#include "store/samplecursor.h"
#include "store/schema.h"
#include "store/sqlitedb.h"

#include <QJsonObject>

namespace capaudit {

Result<SampleUpgrade> upgradeSampleLayout(
    CaseStore& store, const std::function<bool(qint64 done, qint64 total)>& progress)
{
    sql::Database& db = store.database();
    Result<qint64> total = db.queryInt("SELECT count(*) FROM samples");
    if (!total)
        return total.error();
    SampleUpgrade out;
    if (*total == 0)
        return out;

    sql::Transaction transaction(db);
    if (!transaction.begun().ok())
        return transaction.begun().error();
    std::unique_ptr<sql::Statement> bundles =
        db.prepareOnce(QStringLiteral("SELECT DISTINCT bundle FROM samples ORDER BY bundle"));
    if (!bundles)
        return db.lastError();
    std::vector<StoredSample> block;
    block.reserve(size_t(sampleblocks::kMaxRows));
    while (bundles->next()) {
        const qint64 bundle = bundles->int64(0);
        ++out.bundles;
        SampleCursor rows(db, bundle, 0, SampleCursor::kAll, SampleCursor::Layout::RowsOnly);
        qint64 expected = 0;
        while (rows.next()) {
            const StoredSample& s = rows.row();
            if (s.seq != expected)
                return Error(db.path(), 0, QStringLiteral("samples"),
                    QStringLiteral("bundle %1: row %2 follows row %3: the rows are not numbered without gaps, so the "
                                   "case is damaged; run verify-case")
                        .arg(bundle)
                        .arg(s.seq)
                        .arg(expected - 1));
            ++expected;
            block.push_back(s);
            if (qint64(block.size()) == sampleblocks::kMaxRows) {
                if (Status st = writeSampleBlock(db, bundle, block); !st)
                    return st.error();
                ++out.blocks;
                block.clear();
            }
            if ((++out.samples % sampleblocks::kMaxRows) == 0 && progress && !progress(out.samples, *total))
                return Error(QStringLiteral("upgrade cancelled; the case is unchanged"));
        }
        if (rows.failed())
            return rows.error();
        if (!block.empty()) {
            if (Status st = writeSampleBlock(db, bundle, block); !st)
                return st.error();
            ++out.blocks;
            block.clear();
        }
    }
    if (bundles->failed())
        return bundles->error();
    // The one deletion of evidence rows CapAudit makes: the trigger that forbids it is lifted for this statement
    // only, inside the transaction, and put back before the commit.
    const QString trigger = schema::evidenceTrigger(QStringLiteral("samples"), QStringLiteral("DELETE"));
    if (Status s = db.exec(QStringLiteral("DROP TRIGGER samples_no_delete; DELETE FROM samples; ") + trigger); !s)
        return s.error();
    Result<TrailEntry> entry = store.appendTrail(QStringLiteral("case-upgraded"),
        QJsonObject { { QStringLiteral("layout"), QStringLiteral("sample blocks (schema 8)") },
            { QStringLiteral("bundles"), out.bundles }, { QStringLiteral("samples"), out.samples },
            { QStringLiteral("blocks"), out.blocks } });
    if (!entry)
        return entry.error();
    if (Status s = transaction.commit(); !s)
        return s.error();
    // The rows' pages are free now but still part of the file; the upgrade is about size, so the file is rewritten
    // without them (it needs free disk space for the new, smaller file, and a failure leaves the upgraded case as it
    // is, only larger).
    if (Status s = db.exec("VACUUM"); !s)
        out.compacted = false;
    if (progress)
        progress(*total, *total);
    return out;
}

} // namespace capaudit

// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/caseupgrade.h"

#include "store/blobcodec.h"
#include "store/casestore.h"
#include "store/samplecursor.h"
#include "store/schema.h"
#include "store/sqlitedb.h"

#include <QJsonObject>

namespace capaudit {

namespace {

using Progress = std::function<bool(qint64 done, qint64 total)>;

// The one deletion or update of evidence rows CapAudit makes: the trigger that forbids it is lifted for this statement
// only, inside the upgrade's transaction, and put back before the commit.
Status withoutGuard(sql::Database& db, const QString& table, const QString& verb, const std::function<Status()>& run)
{
    const QString trigger = QStringLiteral("%1_no_%2").arg(table, verb.toLower());
    // A missing guard is evidence of tampering that verify-case reports; putting it back here would erase that.
    if (Status s = db.exec(QStringLiteral("DROP TRIGGER ") + trigger); !s)
        return Error(db.path(), 0, trigger,
            QStringLiteral("the append-only guard is missing, so the case was changed outside CapAudit; nothing was "
                           "upgraded: run verify-case"));
    if (Status s = run(); !s)
        return s;
    return db.exec(schema::evidenceTrigger(table, verb));
}

Status moveSamples(sql::Database& db, CaseUpgrade& out, qint64& done, qint64 total, const Progress& progress)
{
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
                    return st;
                ++out.blocks;
                block.clear();
            }
            ++out.samples;
            if ((++done % sampleblocks::kMaxRows) == 0 && progress && !progress(done, total))
                return Error(QStringLiteral("upgrade cancelled; the case is unchanged"));
        }
        if (rows.failed())
            return rows.error();
        if (!block.empty()) {
            if (Status st = writeSampleBlock(db, bundle, block); !st)
                return st;
            ++out.blocks;
            block.clear();
        }
    }
    if (bundles->failed())
        return bundles->error();
    if (out.samples == 0)
        return {};
    return withoutGuard(
        db, QStringLiteral("samples"), QStringLiteral("DELETE"), [&] { return db.exec("DELETE FROM samples"); });
}

// Chunks written before schema 7 (codec 0, no raw_size) are compressed as an import compresses them; one that would
// not shrink stays as it is.
Status compressChunks(sql::Database& db, CaseUpgrade& out, qint64& done, qint64 total, const Progress& progress)
{
    QList<std::pair<qint64, qint64>> keys;
    {
        std::unique_ptr<sql::Statement> select = db.prepareOnce(QStringLiteral(
            "SELECT blob, chunk FROM blob_chunks WHERE codec = 0 AND raw_size IS NULL ORDER BY blob, chunk"));
        if (!select)
            return db.lastError();
        while (select->next())
            keys.append({ select->int64(0), select->int64(1) });
        if (select->failed())
            return select->error();
    }
    if (keys.isEmpty())
        return {};
    return withoutGuard(db, QStringLiteral("blob_chunks"), QStringLiteral("UPDATE"), [&]() -> Status {
        sql::Statement* read = db.prepare("SELECT bytes FROM blob_chunks WHERE blob = ? AND chunk = ?");
        sql::Statement* write =
            db.prepare("UPDATE blob_chunks SET bytes = ?, codec = ?, raw_size = ? WHERE blob = ? AND chunk = ?");
        if (!read || !write)
            return db.lastError();
        for (const auto& [blob, chunk] : std::as_const(keys)) {
            read->bind(1, blob).bind(2, chunk);
            if (!read->next())
                return read->failed() ? Status(read->error()) : Status(db.errorFor(QStringLiteral("blob_chunks")));
            QByteArray raw = read->blobView(0).toByteArray();
            read->reset();
            if (raw.size() > blobcodec::kMaxChunk)
                return Error(db.path(), 0, QStringLiteral("blob_chunks"),
                    QStringLiteral("blob %1, chunk %2: %3 bytes, more than a chunk holds; run verify-case")
                        .arg(blob)
                        .arg(chunk)
                        .arg(raw.size()));
            const qint64 before = raw.size();
            const blobcodec::StoredChunk stored = blobcodec::encode(std::move(raw));
            if (stored.codec == blobcodec::Codec::Zstd) {
                write->bind(1, QByteArrayView(stored.bytes))
                    .bind(2, qint64(stored.codec))
                    .bind(3, stored.rawSize)
                    .bind(4, blob)
                    .bind(5, chunk);
                if (Status s = write->exec(); !s)
                    return s;
                ++out.chunks;
                out.chunkBytesBefore += before;
                out.chunkBytesAfter += stored.bytes.size();
            }
            if (progress && !progress(++done, total))
                return Error(QStringLiteral("upgrade cancelled; the case is unchanged"));
        }
        return {};
    });
}

} // namespace

Result<CaseUpgrade> upgradeCase(CaseStore& store, const Progress& progress)
{
    sql::Database& db = store.database();
    Result<qint64> samples = db.queryInt("SELECT count(*) FROM samples");
    if (!samples)
        return samples.error();
    Result<qint64> chunks = db.queryInt("SELECT count(*) FROM blob_chunks WHERE codec = 0 AND raw_size IS NULL");
    if (!chunks)
        return chunks.error();
    CaseUpgrade out;
    if (*samples == 0 && *chunks == 0)
        return out;
    const qint64 total = *samples + *chunks;
    qint64 done = 0;

    sql::Transaction transaction(db);
    if (!transaction.begun().ok())
        return transaction.begun().error();
    if (Status s = moveSamples(db, out, done, total, progress); !s)
        return s.error();
    if (Status s = compressChunks(db, out, done, total, progress); !s)
        return s.error();
    Result<TrailEntry> entry = store.appendTrail(QLatin1String(trail::kCaseUpgraded),
        QJsonObject { { QStringLiteral("layout"), QStringLiteral("sample blocks (schema 8), compressed evidence") },
            { QStringLiteral("bundles"), out.bundles }, { QStringLiteral("samples"), out.samples },
            { QStringLiteral("blocks"), out.blocks }, { QStringLiteral("chunks"), out.chunks },
            { QStringLiteral("chunkBytesBefore"), out.chunkBytesBefore },
            { QStringLiteral("chunkBytesAfter"), out.chunkBytesAfter } });
    if (!entry)
        return entry.error();
    if (Status s = transaction.commit(); !s)
        return s.error();
    // The moved rows' pages are free now but still part of the file; the upgrade is about size, so the file is
    // rewritten without them. VACUUM builds the new file as a temporary database, which the connection's
    // temp_store = MEMORY would hold in RAM (a whole case); on disk instead. A failure (too little disk space) leaves
    // the upgraded case as it is, only larger.
    out.compacted = db.exec("PRAGMA temp_store = FILE; VACUUM").ok();
    (void)db.exec("PRAGMA temp_store = MEMORY");
    if (progress)
        progress(total, total);
    return out;
}

} // namespace capaudit

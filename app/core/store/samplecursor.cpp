// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/samplecursor.h"

#include "store/sqlitedb.h"

namespace capaudit {

SampleCursor::SampleCursor(sql::Database& db, qint64 bundle, qint64 from, qint64 to, Layout layout)
    : m_db(db)
    , m_bundle(bundle)
    , m_from(std::max<qint64>(from, 0))
    , m_to(to)
    , m_layout(layout)
{
}

SampleCursor::~SampleCursor() = default;

bool SampleCursor::fail(QString reason)
{
    m_failed = true;
    m_phase = Phase::Done;
    m_error = Error(m_db.path(), 0, QStringLiteral("sample_blocks"),
        QStringLiteral("bundle %1: %2").arg(m_bundle).arg(std::move(reason)));
    return false;
}

bool SampleCursor::next()
{
    if (m_index + 1 < m_end) {
        ++m_index;
        return true;
    }
    switch (m_phase) {
    case Phase::Start:
        m_select = m_db.prepareOnce(QStringLiteral(
            "SELECT seq, payload, line, time, provider, node, resource, tenant, allocated, used, capacity, state "
            "FROM samples WHERE bundle = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq"));
        if (!m_select)
            return fail(m_db.lastError().reason);
        m_select->bind(1, m_bundle).bind(2, m_from).bind(3, m_to);
        m_rows.resize(1);
        m_phase = Phase::Legacy;
        [[fallthrough]];
    case Phase::Legacy:
        if (nextLegacy())
            return true;
        if (m_failed)
            return false;
        if (m_layout == Layout::RowsOnly) {
            m_phase = Phase::Done;
            return false;
        }
        m_phase = Phase::Blocks;
        m_select = m_db.prepareOnce(
            QStringLiteral("SELECT first_seq, last_seq, codec, raw_size, bytes FROM sample_blocks WHERE bundle = ?1 "
                           "AND first_seq BETWEEN ?2 AND ?3 AND last_seq >= ?4 ORDER BY first_seq"));
        if (!m_select)
            return fail(m_db.lastError().reason);
        // A block starts at most kMaxRows - 1 seqs before FROM and still holds it.
        m_select->bind(1, m_bundle)
            .bind(2, std::max<qint64>(0, m_from - sampleblocks::kMaxRows + 1))
            .bind(3, m_to)
            .bind(4, m_from);
        m_nextSeq = m_from;
        m_firstBlock = true;
        [[fallthrough]];
    case Phase::Blocks:
        while (nextBlock()) {
            if (m_index < m_end)
                return true;
        }
        return false;
    case Phase::Done:
        return false;
    }
    return false;
}

bool SampleCursor::nextLegacy()
{
    if (!m_select->next()) {
        if (m_select->failed())
            return fail(m_select->error().reason);
        m_end = 0;
        return false;
    }
    const sql::Statement& r = *m_select;
    StoredSample& s = m_rows[0];
    s = { r.int64(0), r.int64(1), r.int64(2), r.int64(3), r.int64(4), r.int64(5), r.int64(6), r.int64(7), r.int64(11),
        r.real(8), r.real(9), r.real(10) };
    m_sawLegacy = true;
    m_index = 0;
    m_end = 1;
    return true;
}

// The blocks ran out before TO: the bundle ends there, unless a later block exists, which means the seqs before it
// lost theirs (a read that starts inside a removed block finds no block at all in its window). Always false.
bool SampleCursor::endOfBlocks()
{
    const qint64 covered = m_firstBlock ? m_from : m_nextSeq; // the first seq no block has given
    if (m_sawLegacy || covered > m_to)
        return false;
    sql::Statement* later = m_db.prepare(
        "SELECT first_seq FROM sample_blocks WHERE bundle = ? AND first_seq > ? ORDER BY first_seq LIMIT 1");
    if (!later)
        return fail(m_db.lastError().reason);
    later->bind(1, m_bundle).bind(2, covered);
    const bool found = later->next();
    if (!found && later->failed())
        return fail(later->error().reason);
    const qint64 first = found ? later->int64(0) : 0;
    later->reset();
    if (found)
        return fail(QStringLiteral("seqs %1..%2 have no block: a block was removed").arg(covered).arg(first - 1));
    return false;
}

// Reads and decodes the next block; false at the end or on an error. Leaves [m_index, m_end) on the rows in range.
bool SampleCursor::nextBlock()
{
    if (!m_select->next()) {
        m_phase = Phase::Done;
        if (m_select->failed())
            return fail(m_select->error().reason);
        return endOfBlocks();
    }
    const qint64 first = m_select->int64(0), last = m_select->int64(1);
    if (m_sawLegacy)
        return fail(QStringLiteral("samples stored both as rows and as blocks (block at seq %1)").arg(first));
    // A read that starts inside a removed block names the gap too: the block holding FROM must come first.
    const bool fits = m_firstBlock ? first <= m_nextSeq : first == m_nextSeq;
    m_firstBlock = false;
    if (!fits)
        return fail(first > m_nextSeq
                ? QStringLiteral("seqs %1..%2 have no block: a block was removed").arg(m_nextSeq).arg(first - 1)
                : QStringLiteral("the block at seq %1 overlaps the one before it (which ends at %2)")
                      .arg(first)
                      .arg(m_nextSeq - 1));
    if (last < first || last - first >= sampleblocks::kMaxRows)
        return fail(QStringLiteral("the block at seq %1 claims seqs %1..%2").arg(first).arg(last));
    m_nextSeq = last + 1;
    const std::optional<qint64> rawSize =
        m_select->isNull(3) ? std::nullopt : std::optional<qint64>(m_select->int64(3));
    Result<QByteArrayView> raw = blobcodec::decode(m_select->blobView(4), m_select->int64(2), rawSize, m_scratch);
    if (!raw)
        return fail(QStringLiteral("the block at seq %1: %2").arg(first).arg(raw.error().reason));
    if (Status s = sampleblocks::decode(*raw, m_bundle, first, last, m_rows); !s)
        return fail(QStringLiteral("the block at seq %1: %2").arg(first).arg(s.error().reason));
    const qint64 lo = std::max(first, m_from), hi = std::min(last, m_to);
    m_index = lo <= hi ? size_t(lo - first) : 0;
    m_end = lo <= hi ? size_t(hi - first + 1) : 0;
    return true;
}

Status writeSampleBlock(sql::Database& db, qint64 bundle, std::span<const StoredSample> rows)
{
    Q_ASSERT(!rows.empty());
    sql::Statement* insert = db.prepare(
        "INSERT INTO sample_blocks (bundle, first_seq, last_seq, codec, raw_size, bytes) VALUES (?, ?, ?, ?, ?, ?)");
    if (!insert)
        return db.lastError();
    const blobcodec::StoredChunk chunk = sampleblocks::encode(bundle, rows);
    insert->bind(1, bundle)
        .bind(2, rows.front().seq)
        .bind(3, rows.back().seq)
        .bind(4, qint64(chunk.codec))
        .bind(5, chunk.rawSize)
        .bind(6, QByteArrayView(chunk.bytes));
    return insert->exec();
}

qint64 storedSampleLine(sql::Database& db, qint64 bundle, qint64 seq)
{
    SampleCursor cursor(db, bundle, seq, seq);
    return cursor.next() ? cursor.row().line : 0;
}

} // namespace capaudit

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/sampleblocks.h"

#include <QByteArray>

#include <limits>
#include <memory>
#include <vector>

namespace capaudit {

namespace sql {
class Database;
class Statement;
} // namespace sql

// The one reader of stored telemetry samples: every query, rule, the timeline's raw level, the rows digest and
// verify-case read samples through it, whichever layout holds them — compressed blocks (schema 8, `sample_blocks`) or
// the rows of cases imported before (`samples`, until `case upgrade` moves them into blocks).
//
// Rows come in seq order. A block is trusted for nothing: its header must name the bundle and first seq of the row
// that holds it, consecutive blocks must cover consecutive seqs (a removed, duplicated or overlapping block is an
// error naming the seqs), a bundle may not have rows in both layouts, and blobcodec refuses a corrupt frame.
class SampleCursor {
public:
    static constexpr qint64 kAll = std::numeric_limits<qint64>::max();
    // Which layouts to read: both (every reader), or only the rows of the old layout (`case upgrade`, which writes
    // the blocks while it reads).
    enum class Layout { Any, RowsOnly };

    // Rows of BUNDLE whose seq lies in [FROM, TO].
    SampleCursor(sql::Database& db, qint64 bundle, qint64 from = 0, qint64 to = kAll, Layout layout = Layout::Any);
    ~SampleCursor();
    SampleCursor(const SampleCursor&) = delete;
    SampleCursor& operator=(const SampleCursor&) = delete;

    bool next(); // false at the end or on an error (then failed())
    const StoredSample& row() const
    {
        Q_ASSERT(m_index < m_rows.size());
        return m_rows[m_index];
    }
    bool failed() const
    {
        return m_failed;
    }
    const Error& error() const
    {
        return m_error;
    }

private:
    enum class Phase { Start, Legacy, Blocks, Done };
    bool fail(QString reason);
    bool nextLegacy();
    bool nextBlock();
    bool endOfBlocks();

    sql::Database& m_db;
    qint64 m_bundle;
    qint64 m_from;
    qint64 m_to;
    Layout m_layout;
    Phase m_phase = Phase::Start;
    std::unique_ptr<sql::Statement> m_select;
    std::vector<StoredSample> m_rows;
    size_t m_index = 0;
    size_t m_end = 0;
    bool m_sawLegacy = false;
    // The first seq the next block must start at; the first block of a read only has to hold m_from (it may start
    // before it), since seqs are numbered from 0 without gaps.
    qint64 m_nextSeq = 0;
    bool m_firstBlock = true;
    QByteArray m_scratch;
    bool m_failed = false;
    Error m_error;
};

// Stores ROWS (consecutive seqs of BUNDLE, at most sampleblocks::kMaxRows) as one sample_blocks row: the one writer
// of the table, for the import and for `case upgrade`.
Status writeSampleBlock(sql::Database& db, qint64 bundle, std::span<const StoredSample> rows);

// The line of sample SEQ of BUNDLE (0 when there is none).
qint64 storedSampleLine(sql::Database& db, qint64 bundle, qint64 seq);

} // namespace capaudit

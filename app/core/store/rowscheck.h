// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/audittrail.h"
#include "store/casestore.h"
#include "store/caseverifier.h"
#include "store/dictionaries.h"
#include "store/rowcodec.h"
#include "store/sqlitedb.h"

#include <QHash>

#include <memory>

namespace capaudit {

class NodeHourBuilder;

// verify-case's second half for one bundle: re-derives its rows digest, rollups, coverage and node-hour aggregates
// from the stored samples and compares them with what its import recorded.
class RowsCheck {
public:
    // TRAIL: the trail entries by seq (a bundle's import entry records its node-hour count).
    RowsCheck(sql::Database& db, RowCodec& codec, const QHash<qint64, TrailEntry>& trail)
        : m_db(db)
        , m_codec(codec)
        , m_trail(trail)
    {
    }
    // Appends what differs to PROBLEMS; adds the rows read to ROWS.
    void run(const StoredBundle& b, QList<CaseProblem>& problems, qint64& rows);

private:
    void nodeHoursOf(const StoredBundle& b, NodeHourBuilder& rebuilt, QList<CaseProblem>& problems);

    sql::Database& m_db;
    RowCodec& m_codec;
    const QHash<qint64, TrailEntry>& m_trail;
};

// A RowsCheck on a connection of its own, so that verify-case re-derives a bundle's rows while it re-verifies the
// bundle's files on the main connection. Its snapshot must be the main one's: open() returns null when it cannot be
// sure of that (an import or upgrade committed between the two), and verify-case then works on one connection.
class RowsLane {
public:
    // MAIN is inside its read transaction.
    static std::unique_ptr<RowsLane> open(sql::Database& main, const QHash<qint64, TrailEntry>& trail);
    RowsCheck& check()
    {
        return m_check;
    }

private:
    explicit RowsLane(const QHash<qint64, TrailEntry>& trail)
        : m_dictionaries(m_db)
        , m_codec(m_db, m_dictionaries)
        , m_check(m_db, m_codec, trail)
    {
    }

    sql::Database m_db;
    std::unique_ptr<sql::ReadTransaction> m_snapshot;
    Dictionaries m_dictionaries;
    RowCodec m_codec;
    RowsCheck m_check;
};

} // namespace capaudit

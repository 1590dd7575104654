// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/sampleblocks.h"
#include "util/result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <variant>

namespace capaudit {

namespace sql {
class Database;
class Statement;
} // namespace sql
class Dictionaries;
class RowsDigest;

// One column value of an evidence row. Dictionary columns (provider, node, resource, tenant) hold the id.
using Cell = std::variant<std::monostate, qint64, double, QString>;

// The tables holding rows parsed from bundles, in the order a bundle's rows digest covers them. Each has a "bundle"
// column and, when it holds several rows per bundle, a "seq" column giving their order.
const QList<QByteArray>& rowTables();

struct ColumnInfo {
    enum class Type { Integer, Real, Text, Dictionary };
    QByteArray name;
    Type type = Type::Integer;
};

// Inserts parsed rows and feeds them to a RowsDigest; reads stored rows back and feeds them the same way. Column
// lists come from the schema CapAudit creates (schema::reference), by name, so the writer and the verifier cannot
// drift apart and a column renamed in the file is read by its name, not its position.
class RowCodec {
public:
    RowCodec(sql::Database& db, const Dictionaries& dictionaries);

    // CELLS in the table's column order, without the leading "bundle" column.
    Status insert(const QByteArray& table, qint64 bundle, const QList<Cell>& cells, RowsDigest& digest);

    // Feeds every stored row of BUNDLE, table by table in rowTables() order, to DIGEST; samples are read through
    // SampleCursor, whichever layout holds them. ONSAMPLE (optional) sees each sample as read; a dictionary id that
    // names nothing is reported as an error naming the table, row and column.
    using SampleHook = std::function<void(const StoredSample& sample)>;
    Status digestStored(qint64 bundle, RowsDigest& digest, const SampleHook& onSample = {});

    Result<QList<ColumnInfo>> columns(const QByteArray& table); // without "bundle"

private:
    Status digestSamples(qint64 bundle, RowsDigest& digest, const SampleHook& onSample);
    QByteArray dictionaryName(const QByteArray& column, qint64 id, bool* found) const;

    sql::Database& m_db;
    const Dictionaries& m_dictionaries;
    QHash<QByteArray, QList<ColumnInfo>> m_columns;
    QHash<QByteArray, QByteArray> m_insertSql;
};

} // namespace capaudit

// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/rowcodec.h"

#include "store/dictionaries.h"
#include "store/rowsdigest.h"
#include "store/samplecursor.h"
#include "store/schema.h"
#include "store/schemacheck.h"
#include "store/sqlitedb.h"

#include <optional>

namespace capaudit {

namespace {
bool isDictionaryColumn(const QByteArray& name)
{
    return name == "provider" || name == "node" || name == "resource" || name == "tenant";
}
} // namespace

const QList<QByteArray>& rowTables()
{
    static const QList<QByteArray> tables { "samples", "billing_records", "attestation_contracts", "attestation_sla",
        "attestation_tenants", "attestation_commitments", "attestation_nodes", "attestation_prices", "invoices",
        "invoice_lines" };
    return tables;
}

RowCodec::RowCodec(sql::Database& db, const Dictionaries& dictionaries)
    : m_db(db)
    , m_dictionaries(dictionaries)
{
}

Result<QList<ColumnInfo>> RowCodec::columns(const QByteArray& table)
{
    if (auto it = m_columns.constFind(table); it != m_columns.constEnd())
        return it.value();
    // By name, from the schema CapAudit creates, never from the file: a case whose columns were renamed (allocated and
    // used swapped with ALTER TABLE ... RENAME COLUMN) reads each value from the column of that name, so the digest
    // changes. The schema check refuses such a file anyway; this keeps the digest honest on its own.
    Result<SchemaSnapshot> reference = schema::reference(schema::currentVersion());
    if (!reference)
        return reference.error();
    const SchemaObject definition = reference->value(QString::fromLatin1(table));
    QList<ColumnInfo> out;
    for (qsizetype i = 0; i < definition.columnNames.size(); ++i) {
        const QByteArray name = definition.columnNames.at(i).toLatin1();
        const QString type = definition.columns.at(i).section(QLatin1Char('|'), 1, 1);
        if (name == "bundle")
            continue;
        ColumnInfo column { name, ColumnInfo::Type::Integer };
        if (isDictionaryColumn(name))
            column.type = ColumnInfo::Type::Dictionary;
        else if (type == u"REAL")
            column.type = ColumnInfo::Type::Real;
        else if (type == u"TEXT")
            column.type = ColumnInfo::Type::Text;
        out.append(column);
    }
    if (out.isEmpty())
        return Error(m_db.path(), 0, QString::fromLatin1(table), QStringLiteral("not a table of CapAudit's schema"));
    m_columns.insert(table, out);
    return out;
}

QByteArray RowCodec::dictionaryName(const QByteArray& column, qint64 id, bool* found) const
{
    if (column == "provider") {
        *found = m_dictionaries.hasProvider(id);
        return m_dictionaries.providerName(id);
    }
    if (column == "node") {
        *found = m_dictionaries.hasNode(id);
        return m_dictionaries.nodeName(id);
    }
    if (column == "resource") {
        *found = m_dictionaries.hasResourceClass(id);
        return m_dictionaries.resourceClassName(id);
    }
    *found = m_dictionaries.hasTenant(id);
    return m_dictionaries.tenantName(id);
}

Status RowCodec::insert(const QByteArray& table, qint64 bundle, const QList<Cell>& cells, RowsDigest& digest)
{
    Result<QList<ColumnInfo>> cols = columns(table);
    if (!cols)
        return cols.error();
    if (cols->size() != cells.size())
        return Error(m_db.path(), 0, QString::fromLatin1(table),
            QStringLiteral("%1 values for %2 columns").arg(cells.size()).arg(cols->size()));
    QByteArray& sql = m_insertSql[table];
    if (sql.isEmpty()) {
        sql = "INSERT INTO " + table + " (bundle";
        for (const ColumnInfo& c : *cols)
            sql += ", " + c.name;
        sql += ") VALUES (?" + QByteArray(", ?").repeated(cols->size()) + ")";
    }
    sql::Statement* insert = m_db.prepare(sql.constData());
    if (!insert)
        return m_db.lastError();
    insert->bind(1, bundle);
    digest.beginRow(table);
    for (qsizetype i = 0; i < cells.size(); ++i) {
        const int index = int(i) + 2;
        const ColumnInfo& column = cols->at(i);
        const Cell& cell = cells[i];
        if (std::holds_alternative<std::monostate>(cell)) {
            insert->bindNull(index);
            digest.addReal(std::numeric_limits<double>::quiet_NaN()); // 'n', whatever the column type
        } else if (const qint64* v = std::get_if<qint64>(&cell)) {
            insert->bind(index, *v);
            if (column.type == ColumnInfo::Type::Dictionary) {
                bool found = false;
                digest.addText(dictionaryName(column.name, *v, &found));
            } else {
                digest.addInt(*v);
            }
        } else if (const double* d = std::get_if<double>(&cell)) {
            insert->bind(index, *d);
            digest.addReal(*d);
        } else {
            const QByteArray utf8 = std::get<QString>(cell).toUtf8();
            insert->bindText(index, utf8);
            digest.addText(utf8);
        }
    }
    return insert->exec();
}

Status RowCodec::digestSamples(qint64 bundle, RowsDigest& digest, const SampleHook& onSample)
{
    // The columns of the samples table, in its order (SampleDigester feeds the same at import).
    SampleCursor cursor(m_db, bundle);
    const QByteArray names[] = { "provider", "node", "resource", "tenant" };
    // A block holds one provider and node, and a few classes and tenants: each column remembers its last name.
    struct Last {
        std::optional<qint64> id;
        QByteArray name;
        bool found = false;
    } last[4];
    while (cursor.next()) {
        const StoredSample& s = cursor.row();
        digest.beginRow("samples");
        digest.addInt(s.seq);
        digest.addInt(s.payload);
        digest.addInt(s.line);
        digest.addInt(s.time);
        const qint64 ids[] = { s.provider, s.node, s.resource, s.tenant };
        for (int i = 0; i < 4; ++i) {
            if (last[i].id != ids[i]) {
                last[i].id = ids[i];
                last[i].name = dictionaryName(names[i], ids[i], &last[i].found);
            }
            digest.addText(last[i].name);
            if (!last[i].found)
                return Error(m_db.path(), 0, QStringLiteral("samples.") + QString::fromLatin1(names[i]),
                    QStringLiteral("bundle %1, row %2: id %3 names no %4")
                        .arg(bundle)
                        .arg(s.seq)
                        .arg(ids[i])
                        .arg(QString::fromLatin1(names[i])));
        }
        digest.addReal(s.allocated);
        digest.addReal(s.used);
        digest.addReal(s.capacity);
        digest.addInt(s.state);
        if (onSample)
            onSample(s);
    }
    return cursor.failed() ? Status(cursor.error()) : Status::success();
}

Status RowCodec::digestStored(qint64 bundle, RowsDigest& digest, const SampleHook& onSample)
{
    for (const QByteArray& table : rowTables()) {
        if (table == "samples") {
            if (Status s = digestSamples(bundle, digest, onSample); !s)
                return s;
            continue;
        }
        Result<QList<ColumnInfo>> cols = columns(table);
        if (!cols)
            return cols.error();
        QByteArray sql = "SELECT ";
        for (qsizetype i = 0; i < cols->size(); ++i)
            sql += (i ? ", " : "") + cols->at(i).name;
        const bool ordered = cols->first().name == "seq";
        sql += " FROM " + table + " WHERE bundle = ?" + (ordered ? " ORDER BY seq" : "");
        std::unique_ptr<sql::Statement> select = m_db.prepareOnce(QString::fromLatin1(sql));
        if (!select)
            return m_db.lastError();
        select->bind(1, bundle);
        while (select->next()) {
            digest.beginRow(table);
            for (qsizetype i = 0; i < cols->size(); ++i) {
                const int c = int(i);
                const ColumnInfo& column = cols->at(i);
                if (select->isNull(c)) {
                    digest.addReal(std::numeric_limits<double>::quiet_NaN());
                    continue;
                }
                switch (column.type) {
                case ColumnInfo::Type::Integer:
                    digest.addInt(select->int64(c));
                    break;
                case ColumnInfo::Type::Real:
                    digest.addReal(select->real(c));
                    break;
                case ColumnInfo::Type::Text:
                    digest.addText(select->blobView(c));
                    break;
                case ColumnInfo::Type::Dictionary: {
                    bool found = false;
                    digest.addText(dictionaryName(column.name, select->int64(c), &found));
                    if (!found)
                        return Error(m_db.path(), 0, QString::fromLatin1(table + '.' + column.name),
                            QStringLiteral("bundle %1, row %2: id %3 names no %4")
                                .arg(bundle)
                                .arg(select->int64(0))
                                .arg(select->int64(c))
                                .arg(QString::fromLatin1(column.name)));
                    break;
                }
                }
            }
        }
        if (select->failed())
            return select->error();
    }
    return {};
}

} // namespace capaudit

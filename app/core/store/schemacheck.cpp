// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/schemacheck.h"

#include "store/schema.h"
#include "store/sqlitedb.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRegularExpression>

#ifndef CAPAUDIT_SCHEMA_REFERENCE_TOOL
#include "schemareference.inc" // kBuiltReferenceVersion, kBuiltReference
#endif

namespace capaudit::schema {

namespace {

QString normalised(const QString& sql)
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    return QString(sql).replace(space, QStringLiteral(" ")).trimmed();
}

Status readColumns(sql::Database& db, SchemaObject& table)
{
    // The name is bound as an argument of the table-valued pragma, never spliced into SQL.
    std::unique_ptr<sql::Statement> info = db.prepareOnce(QStringLiteral(
        "SELECT name, type, \"notnull\", coalesce(dflt_value, ''), pk, hidden FROM pragma_table_xinfo(?)"));
    if (!info)
        return db.lastError();
    info->bindString(1, table.name);
    while (info->next()) {
        table.columnNames.append(info->text(0));
        table.columns.append(QStringList { info->text(0), info->text(1).toUpper(), QString::number(info->int64(2)),
            info->text(3), QString::number(info->int64(4)), QString::number(info->int64(5)) }
                                 .join(QLatin1Char('|')));
    }
    if (info->failed())
        return info->error();
    return {};
}

Result<SchemaSnapshot> readObjects(sql::Database& db)
{
    std::unique_ptr<sql::Statement> select =
        db.prepareOnce(QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master"));
    if (!select)
        return db.lastError();
    SchemaSnapshot out;
    while (select->next()) {
        SchemaObject o { select->text(0), select->text(1), select->text(2), normalised(select->text(3)), {}, {} };
        out.insert(o.name, o);
    }
    if (select->failed())
        return select->error();
    return out;
}

void describeColumns(const SchemaObject& expected, const SchemaObject& actual, QList<SchemaProblem>& problems)
{
    const qsizetype n = std::max(expected.columns.size(), actual.columns.size());
    for (qsizetype i = 0; i < n; ++i) {
        const QString column = expected.name + QLatin1Char('.')
            + (i < expected.columnNames.size() ? expected.columnNames.at(i) : actual.columnNames.at(i));
        if (i >= actual.columns.size()) {
            problems.append({ QStringLiteral("column ") + column, QStringLiteral("missing") });
        } else if (i >= expected.columns.size()) {
            problems.append({ QStringLiteral("column ") + column, QStringLiteral("is not part of CapAudit's schema") });
        } else if (expected.columnNames.at(i) != actual.columnNames.at(i)) {
            problems.append({ QStringLiteral("column ") + column,
                QStringLiteral("renamed or moved: column %1 of the table is now named '%2'")
                    .arg(i + 1)
                    .arg(actual.columnNames.at(i)) });
        } else if (expected.columns.at(i) != actual.columns.at(i)) {
            problems.append({ QStringLiteral("column ") + column,
                QStringLiteral("altered (type, NOT NULL, default, key or generated: %1, expected %2)")
                    .arg(actual.columns.at(i), expected.columns.at(i)) });
        }
    }
}

} // namespace

Result<SchemaSnapshot> computeReference(int version)
{
    sql::Database memory;
    if (Status s = memory.open(QStringLiteral(":memory:"), sql::Database::Mode::Create); !s)
        return s.error();
    if (Status s = migrateTo(memory, version); !s)
        return s.error();
    Result<SchemaSnapshot> objects = readObjects(memory);
    if (!objects)
        return objects.error();
    for (SchemaObject& o : *objects) {
        if (o.type == u"table")
            if (Status s = readColumns(memory, o); !s)
                return s.error();
    }
    return *objects;
}

QByteArray snapshotToJson(const SchemaSnapshot& snapshot)
{
    QJsonArray objects;
    for (const SchemaObject& o : snapshot)
        objects.append(QJsonObject { { QStringLiteral("type"), o.type }, { QStringLiteral("name"), o.name },
            { QStringLiteral("table"), o.table }, { QStringLiteral("sql"), o.sql },
            { QStringLiteral("columns"), QJsonArray::fromStringList(o.columns) },
            { QStringLiteral("columnNames"), QJsonArray::fromStringList(o.columnNames) } });
    return QJsonDocument(objects).toJson(QJsonDocument::Compact);
}

Result<SchemaSnapshot> snapshotFromJson(QByteArrayView json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (!doc.isArray())
        return Error(QStringLiteral("reference schema"), error.errorString());
    const auto strings = [](const QJsonValue& v) {
        QStringList out;
        for (const QJsonValue& s : v.toArray())
            out.append(s.toString());
        return out;
    };
    SchemaSnapshot out;
    for (const QJsonValue& v : doc.array()) {
        const QJsonObject o = v.toObject();
        out.insert(o.value(u"name").toString(),
            SchemaObject { o.value(u"type").toString(), o.value(u"name").toString(), o.value(u"table").toString(),
                o.value(u"sql").toString(), strings(o.value(u"columns")), strings(o.value(u"columnNames")) });
    }
    return out;
}

Result<SchemaSnapshot> reference(int version)
{
    static QMutex mutex;
    static QHash<int, SchemaSnapshot> cache;
    QMutexLocker lock(&mutex);
    if (auto it = cache.constFind(version); it != cache.constEnd())
        return it.value();
#ifndef CAPAUDIT_SCHEMA_REFERENCE_TOOL
    // Written at build time by capaudit-schema-reference from the same migrations (store/CMakeLists.txt): running
    // them on an in-memory database took most of a case's opening in every process (docs/performance.md).
    Result<SchemaSnapshot> objects = version == kBuiltReferenceVersion
        ? snapshotFromJson(QByteArrayView(kBuiltReference, sizeof(kBuiltReference) - 1))
        : computeReference(version);
#else
    Result<SchemaSnapshot> objects = computeReference(version);
#endif
    if (!objects)
        return objects.error();
    cache.insert(version, *objects);
    return *objects;
}

Result<SchemaSnapshot> read(sql::Database& db, const SchemaSnapshot& reference)
{
    Result<SchemaSnapshot> objects = readObjects(db);
    if (!objects)
        return objects.error();
    for (SchemaObject& o : *objects) {
        if (o.type == u"table" && reference.value(o.name).type == u"table")
            if (Status s = readColumns(db, o); !s)
                return s.error();
    }
    return objects;
}

QList<SchemaProblem> compare(const SchemaSnapshot& expected, const SchemaSnapshot& actual, int version)
{
    QList<SchemaProblem> problems;
    for (const SchemaObject& e : expected) {
        const auto it = actual.constFind(e.name);
        const QString object = e.type + QLatin1Char(' ') + e.name;
        if (it == actual.constEnd()) {
            // A missing trigger or index removes a guard or an access path; nothing of the file's runs because of it.
            const bool harmless = e.type == u"trigger" || e.type == u"index";
            problems.append({ object, QStringLiteral("missing"), !harmless });
            continue;
        }
        if (it->type != e.type) {
            problems.append({ it->type + QLatin1Char(' ') + e.name, QStringLiteral("is not a %1").arg(e.type) });
            continue;
        }
        if (e.type == u"table" && it->columns != e.columns) {
            describeColumns(e, *it, problems);
            continue;
        }
        if (it->sql != e.sql || it->table != e.table)
            problems.append({ object,
                e.type == u"table" ? QStringLiteral("altered: its CREATE statement differs from CapAudit's "
                                                    "(constraints, defaults, collation or generated columns)")
                                   : QStringLiteral("altered: its CREATE statement differs from CapAudit's") });
    }
    for (const SchemaObject& a : actual) {
        if (expected.contains(a.name))
            continue;
        // sqlite_stat tables are written by ANALYZE and only steer the query planner.
        const bool statistics = a.type == u"table" && a.name.startsWith(QLatin1String("sqlite_stat"));
        problems.append({ a.type + QLatin1Char(' ') + a.name,
            QStringLiteral("is not part of CapAudit's schema (version %1)").arg(version), !statistics });
    }
    return problems;
}

Result<QList<SchemaProblem>> check(sql::Database& db)
{
    Result<qint64> version = db.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    if (*version > currentVersion())
        return QList<SchemaProblem>();
    Result<SchemaSnapshot> expected = reference(int(*version));
    if (!expected)
        return expected.error();
    Result<SchemaSnapshot> actual = read(db, *expected);
    if (!actual)
        return actual.error();
    return compare(*expected, *actual, int(*version));
}

} // namespace capaudit::schema

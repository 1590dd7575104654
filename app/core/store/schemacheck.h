// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace capaudit {

namespace sql {
class Database;
}

// One object of a database schema as sqlite_master describes it; tables also with their columns (PRAGMA
// table_xinfo: name, declared type, NOT NULL, default, primary-key position, hidden/generated).
struct SchemaObject {
    QString type; // "table", "index", "view", "trigger"
    QString name;
    QString table; // tbl_name
    QString sql; // whitespace-normalised CREATE statement; empty for automatic indexes
    QStringList columns; // tables: one "name|type|notnull|default|pk|hidden" per column, in order
    QStringList columnNames;
    friend bool operator==(const SchemaObject&, const SchemaObject&) = default;
};
using SchemaSnapshot = QMap<QString, SchemaObject>; // by name

// A difference between a case's schema and the one CapAudit creates for its version, naming the object
// ("trigger samples_no_update", "view case_info", "column samples.allocated"). REFUSE: the object could run code or
// change what a query means (extra, altered or replaced objects, missing tables); the case is not opened. Missing
// triggers and indexes only remove a guard or speed: the case opens and verify-case reports them.
struct SchemaProblem {
    QString object;
    QString message;
    bool refuse = true;
    QString toString() const
    {
        return object + QLatin1Char(' ') + message;
    }
};

namespace schema {

// The schema CapAudit creates for VERSION: its own migration list (schema.cpp) run up to VERSION on an in-memory
// database, so every migration, present and future, is covered. For the current version that run happens at build
// time (capaudit-schema-reference) and is read back here; older versions are computed once per process.
Result<SchemaSnapshot> reference(int version);
// The migrations run now, whatever was built in (the build tool, and the test that the two agree).
Result<SchemaSnapshot> computeReference(int version);
QByteArray snapshotToJson(const SchemaSnapshot& snapshot);
Result<SchemaSnapshot> snapshotFromJson(QByteArrayView json);

// Reads DB's schema from sqlite_master. Column lists are read only for tables the reference also has as tables, so
// nothing the file defines beyond CapAudit's own tables is ever compiled.
Result<SchemaSnapshot> read(sql::Database& db, const SchemaSnapshot& reference);

QList<SchemaProblem> compare(const SchemaSnapshot& expected, const SchemaSnapshot& actual, int version);

// The whole check for DB at its user_version. A user_version newer than this build yields no problems (the caller
// refuses the file as too new).
Result<QList<SchemaProblem>> check(sql::Database& db);

} // namespace schema
} // namespace capaudit

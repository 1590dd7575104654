// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

namespace capaudit::sql {
class Database;
}

namespace capaudit::schema {

// PRAGMA application_id of every case file: 'CAPA'. A SQLite file without it is not a case.
inline constexpr qint32 kApplicationId = 0x43415041;
// PRAGMA user_version after all migrations: the newest schema this build knows.
int currentVersion();

// Brings DB (inside no transaction) from its user_version to currentVersion(), one transaction per step, recording
// each in schema_migrations. A file newer than this build is refused rather than touched.
Status migrate(sql::Database& db);
// The same, but only up to schema version TARGET: how the schema check builds the schema CapAudit creates for a
// version (store/schemacheck.h), so every migration in the list is covered by that check automatically.
Status migrateTo(sql::Database& db, int target);

// Connection settings every case connection uses (WAL, foreign keys, synchronous=NORMAL, cache size).
Status configureConnection(sql::Database& db);

// Tables whose rows are evidence: UPDATE and DELETE on them abort (see docs/case-file.md "Triggers").
const char* const* evidenceTables(); // null-terminated
// The statement creating the trigger that refuses VERB ("UPDATE", "DELETE") on evidence TABLE, exactly as the
// migrations create it (a migration that must rewrite rows drops and recreates it with this text).
QString evidenceTrigger(const QString& table, const QString& verb);

} // namespace capaudit::schema

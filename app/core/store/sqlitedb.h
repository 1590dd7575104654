// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace capaudit::sql {

// A prepared statement. Owned by the Database's cache (Database::prepare) or by the caller (Database::prepareOnce).
// Binding is positional, 1-based, as in the C API.
class Statement {
public:
    Statement(sqlite3* db, sqlite3_stmt* stmt, QString sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value)
    {
        return bind(index, qint64(value));
    }
    Statement& bind(int index, double value); // NaN binds NULL: the case file stores "missing" as NULL
    Statement& bind(int index, const QString& value); // null QString binds NULL
    Statement& bind(int index, QByteArrayView blob); // bound as BLOB (copied)
    Statement& bindText(int index, QByteArrayView utf8); // bound as TEXT (copied)
    Statement& bindString(int index, const QString& text); // TEXT; a null QString binds '', never NULL
    Statement& bindNull(int index);

    // Steps once: true with a row, false when done. Errors are kept in error() and end the iteration.
    bool next();
    // Runs to completion (for statements without rows) and resets. Returns the failure, if any.
    Status exec();
    void reset(); // resets and clears the bindings

    bool isNull(int column) const;
    qint64 int64(int column) const;
    double real(int column) const; // NULL reads as NaN
    QString text(int column) const; // NULL reads as a null QString
    QByteArray blob(int column) const;
    QByteArrayView blobView(int column) const; // valid until the next step

    bool failed() const
    {
        return m_failed;
    }
    Error error() const
    {
        return m_error;
    }
    const QString& sql() const
    {
        return m_sql;
    }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt;
    QString m_sql;
    Error m_error;
    bool m_failed = false;
};

// One connection to a SQLite file. Statements from prepare() are cached by their SQL text for the connection's life.
class Database {
public:
    enum class Mode { OpenExisting, Create };
    Database() = default;
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Status open(const QString& path, Mode mode);
    void close();
    bool isOpen() const
    {
        return m_db != nullptr;
    }
    const QString& path() const
    {
        return m_path;
    }
    sqlite3* handle() const
    {
        return m_db;
    }

    // Runs one or more statements without results.
    Status exec(const char* sql);
    Status exec(const QString& sql);
    // Cached statement, reset and with clear bindings; nullptr on error (see lastError()).
    Statement* prepare(const char* sql);
    std::unique_ptr<Statement> prepareOnce(const QString& sql);
    // Single value of a one-row query (e.g. PRAGMA user_version).
    Result<qint64> queryInt(const char* sql);

    qint64 lastInsertId() const;
    Error lastError() const
    {
        return m_lastError;
    }
    Error errorFor(const QString& what) const; // Error naming this file with SQLite's current message

    struct Budget { // counted in units of 1000 virtual-machine steps
        qint64 limit = 0;
        qint64 used = 0;
    };
    // The step budget in force (see StepBudget); 0: none.
    qint64 budgetLimit() const
    {
        return m_budget.limit;
    }

private:
    friend class StepBudget;
    sqlite3* m_db = nullptr;
    Budget m_budget;
    QString m_path;
    QHash<QByteArray, Statement*> m_cache;
    Error m_lastError;
};

// Bounds the work SQLite may do on DB while it lives: after LIMIT virtual-machine steps (in units of 1000) every
// statement fails with "interrupted". Used while a case file is opened and its schema checked, so that no crafted file
// can make opening it hang (docs/case-file.md "Opening a case safely"). Not nestable.
class StepBudget {
public:
    StepBudget(Database& db, qint64 limitThousands);
    ~StepBudget();
    StepBudget(const StepBudget&) = delete;
    StepBudget& operator=(const StepBudget&) = delete;
    bool exhausted() const
    {
        return m_db.m_budget.limit > 0 && m_db.m_budget.used >= m_db.m_budget.limit;
    }

private:
    Database& m_db;
};

// A read transaction (BEGIN DEFERRED pinned by a first read): every query until it ends sees one consistent snapshot
// of the file, even while another connection commits imports (WAL). Ends with ROLLBACK (it never writes). Inside an
// already open transaction it does nothing.
class ReadTransaction {
public:
    explicit ReadTransaction(Database& db);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;
    const Status& begun() const
    {
        return m_begun;
    }

private:
    Database& m_db;
    Status m_begun;
    bool m_active = false;
};

// Runs BEGIN IMMEDIATE on construction (a SAVEPOINT when a transaction is already open on the connection); rolls back
// on destruction unless commit() succeeded.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    const Status& begun() const
    {
        return m_begun;
    }
    Status commit();
    void rollback();

private:
    Database& m_db;
    QString m_savepoint; // empty: the outermost transaction
    Status m_begun;
    bool m_active = false;
};

} // namespace capaudit::sql

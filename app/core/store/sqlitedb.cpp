// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqlitedb.h"

#include <sqlite3.h>

#include <atomic>
#include <cmath>

namespace capaudit::sql {

namespace {

// SQLite result codes that are this machine's failure (Error::local): the disk, memory, the file or its lock, never
// the content of the case or of the evidence.
bool isLocalFailure(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_NOMEM:
    case SQLITE_CANTOPEN:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
        return true;
    default:
        return false;
    }
}

} // namespace

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt, QString sql)
    : m_db(db)
    , m_stmt(stmt)
    , m_sql(std::move(sql))
{
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    if (std::isnan(value))
        sqlite3_bind_null(m_stmt, index);
    else
        sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, const QString& value)
{
    if (value.isNull())
        return bindNull(index);
    return bindText(index, QByteArrayView(value.toUtf8()));
}

Statement& Statement::bind(int index, QByteArrayView blob)
{
    sqlite3_bind_blob64(m_stmt, index, blob.data() ? blob.data() : "", sqlite3_uint64(blob.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindText(int index, QByteArrayView utf8)
{
    sqlite3_bind_text64(
        m_stmt, index, utf8.data() ? utf8.data() : "", sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

Statement& Statement::bindString(int index, const QString& text)
{
    return bindText(index, QByteArrayView(text.toUtf8()));
}

Statement& Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::next()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE) {
        m_failed = true;
        m_error = Error(QString::fromUtf8(sqlite3_db_filename(m_db, "main")), 0, m_sql.left(60),
            QString::fromUtf8(sqlite3_errmsg(m_db)))
                      .markedLocal(isLocalFailure(rc));
    }
    return false;
}

Status Statement::exec()
{
    m_failed = false;
    while (next()) { }
    const bool failed = m_failed;
    sqlite3_reset(m_stmt);
    if (failed)
        return m_error;
    return {};
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_failed = false;
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    if (isNull(column))
        return std::nan("");
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    if (isNull(column))
        return {};
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::blob(int column) const
{
    return blobView(column).toByteArray();
}

QByteArrayView Statement::blobView(int column) const
{
    const auto* data = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    return QByteArrayView(data, sqlite3_column_bytes(m_stmt, column));
}

Database::~Database()
{
    close();
}

Status Database::open(const QString& path, Mode mode)
{
    // Memory statistics take a global mutex on every allocation; nothing here reads them. Only possible before
    // SQLite initialises, hence once and first.
    static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    Q_UNUSED(configured);
    close();
    m_path = path;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (mode == Mode::Create)
        flags |= SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const Error error(path,
            QStringLiteral("cannot open: %1").arg(QString::fromUtf8(m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc))));
        close();
        return error;
    }
    sqlite3_extended_result_codes(m_db, 1);
    // A case file may come from anyone (docs/case-file.md "Opening a case safely"). DEFENSIVE forbids writing the
    // schema table and other corrupting tricks; trusted_schema = OFF keeps functions with side effects and virtual
    // tables out of anything the file defines. CapAudit's schema has no views, and its triggers only guard against
    // other programs (CapAudit never updates or deletes evidence), so this connection runs neither: a view or trigger
    // slipped into the file can never execute here, even one added after the schema check.
    int ignored = 0;
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, 1, &ignored);
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &ignored);
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, &ignored);
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &ignored);
    // Another process importing into the same case holds the write lock for one bundle; wait rather than fail.
    sqlite3_busy_timeout(m_db, 10000);
    return {};
}

void Database::close()
{
    qDeleteAll(m_cache);
    m_cache.clear();
    if (m_db)
        sqlite3_close(m_db);
    m_db = nullptr;
}

Status Database::exec(const char* sql)
{
    char* message = nullptr;
    if (const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message); rc != SQLITE_OK) {
        m_lastError = Error(m_path, 0, QString::fromUtf8(sql).simplified().left(60),
            QString::fromUtf8(message ? message : sqlite3_errmsg(m_db)))
                          .markedLocal(isLocalFailure(rc));
        sqlite3_free(message);
        return m_lastError;
    }
    return {};
}

Status Database::exec(const QString& sql)
{
    return exec(sql.toUtf8().constData());
}

Statement* Database::prepare(const char* sql)
{
    const QByteArray key = QByteArray::fromRawData(sql, qsizetype(qstrlen(sql)));
    if (Statement* cached = m_cache.value(key)) {
        cached->reset();
        return cached;
    }
    std::unique_ptr<Statement> statement = prepareOnce(QString::fromUtf8(sql));
    if (!statement)
        return nullptr;
    // The key must own its bytes: SQL passed here is usually a literal, but need not be.
    Statement* raw = statement.release();
    m_cache.insert(QByteArray(sql), raw);
    return raw;
}

std::unique_ptr<Statement> Database::prepareOnce(const QString& sql)
{
    sqlite3_stmt* stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v3(m_db, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr)
        != SQLITE_OK) {
        m_lastError = errorFor(sql.simplified().left(60));
        sqlite3_finalize(stmt);
        return nullptr;
    }
    return std::make_unique<Statement>(m_db, stmt, sql);
}

Result<qint64> Database::queryInt(const char* sql)
{
    Statement* statement = prepare(sql);
    if (!statement)
        return m_lastError;
    if (!statement->next()) {
        if (statement->failed())
            return statement->error();
        return Error(m_path, 0, QString::fromUtf8(sql), QStringLiteral("query returned no row"));
    }
    const qint64 value = statement->int64(0);
    statement->reset();
    return value;
}

qint64 Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

Error Database::errorFor(const QString& what) const
{
    return Error(m_path, 0, what, QString::fromUtf8(sqlite3_errmsg(m_db)))
        .markedLocal(isLocalFailure(sqlite3_errcode(m_db)));
}

namespace {
int budgetCallback(void* context)
{
    auto* budget = static_cast<Database::Budget*>(context);
    return ++budget->used >= budget->limit ? 1 : 0;
}
} // namespace

StepBudget::StepBudget(Database& db, qint64 limitThousands)
    : m_db(db)
{
    m_db.m_budget = { limitThousands, 0 };
    if (m_db.m_db)
        sqlite3_progress_handler(m_db.m_db, 1000, budgetCallback, &m_db.m_budget);
}

StepBudget::~StepBudget()
{
    if (m_db.m_db)
        sqlite3_progress_handler(m_db.m_db, 0, nullptr, nullptr);
    m_db.m_budget = {};
}

ReadTransaction::ReadTransaction(Database& db)
    : m_db(db)
{
    if (!m_db.isOpen() || sqlite3_get_autocommit(m_db.handle()) == 0)
        return;
    m_begun = m_db.exec("BEGIN DEFERRED");
    if (!m_begun)
        return;
    m_active = true;
    // A deferred transaction takes its snapshot at the first read; take it now.
    if (Result<qint64> pinned = m_db.queryInt("SELECT count(*) FROM sqlite_master"); !pinned)
        m_begun = pinned.error();
}

ReadTransaction::~ReadTransaction()
{
    if (!m_active || !m_db.isOpen())
        return;
    sqlite3_stmt* stmt = nullptr;
    while ((stmt = sqlite3_next_stmt(m_db.handle(), stmt)))
        sqlite3_reset(stmt);
    (void)m_db.exec("ROLLBACK");
}

Transaction::Transaction(Database& db)
    : m_db(db)
{
    // Inside an open transaction (a batch of imports the user may still cancel) this becomes a savepoint, so the
    // inner unit keeps its all-or-nothing behaviour and the outer one can still undo everything.
    if (m_db.isOpen() && sqlite3_get_autocommit(m_db.handle()) == 0) {
        static std::atomic_int counter { 0 };
        m_savepoint = QStringLiteral("capaudit_sp_%1").arg(++counter);
        m_begun = m_db.exec(QStringLiteral("SAVEPOINT ") + m_savepoint);
    } else {
        m_begun = m_db.exec("BEGIN IMMEDIATE");
    }
    m_active = m_begun.ok();
}

Transaction::~Transaction()
{
    rollback();
}

Status Transaction::commit()
{
    if (!m_active)
        return Error(m_db.path(), QStringLiteral("no transaction to commit"));
    Status status = m_savepoint.isEmpty() ? m_db.exec("COMMIT") : m_db.exec(QStringLiteral("RELEASE ") + m_savepoint);
    if (status.ok())
        m_active = false;
    return status;
}

void Transaction::rollback()
{
    if (!m_active || !m_db.isOpen())
        return;
    m_active = false;
    if (!m_savepoint.isEmpty()) {
        (void)m_db.exec(QStringLiteral("ROLLBACK TO ") + m_savepoint);
        (void)m_db.exec(QStringLiteral("RELEASE ") + m_savepoint);
        return;
    }
    // Statements still mid-step would make ROLLBACK fail with SQLITE_BUSY on old SQLite versions; reset them first.
    sqlite3_stmt* stmt = nullptr;
    while ((stmt = sqlite3_next_stmt(m_db.handle(), stmt)))
        sqlite3_reset(stmt);
    (void)m_db.exec("ROLLBACK");
}

} // namespace capaudit::sql

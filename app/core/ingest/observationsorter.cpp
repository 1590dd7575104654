// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/observationsorter.h"

#include <sqlite3.h>

#include <algorithm>
#include <tuple>

namespace capaudit {

// The spill: a private temporary database ("" as file name), deleted by SQLite when it is closed. Its page cache is
// capped, so inserting and sorting use the same few megabytes whatever the payload size.
class ObservationSorter::Disk {
public:
    explicit Disk(const QString& fileName)
        : m_fileName(fileName)
    {
    }
    ~Disk()
    {
        sqlite3_finalize(m_insertObs);
        sqlite3_finalize(m_insertSeries);
        sqlite3_finalize(m_findSeries);
        sqlite3_close(m_db);
    }

    Status open()
    {
        if (sqlite3_open_v2("", &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
            return fail("cannot open a temporary database");
        const char* setup = "PRAGMA cache_size = -8192; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                            "PRAGMA temp_store = FILE;"
                            "CREATE TABLE series (id INTEGER PRIMARY KEY, text BLOB NOT NULL UNIQUE);"
                            "CREATE TABLE obs (time INTEGER NOT NULL, line INTEGER NOT NULL, value REAL, "
                            "series INTEGER NOT NULL);"
                            "BEGIN;";
        if (sqlite3_exec(m_db, setup, nullptr, nullptr, nullptr) != SQLITE_OK)
            return fail("cannot set up the temporary database");
        if (!prepare("INSERT INTO obs (time, line, value, series) VALUES (?, ?, ?, ?)", &m_insertObs)
            || !prepare("INSERT INTO series (text) VALUES (?)", &m_insertSeries)
            || !prepare("SELECT id FROM series WHERE text = ?", &m_findSeries))
            return fail("cannot prepare the temporary database");
        return {};
    }

    Result<qint64> seriesId(QByteArrayView text)
    {
        if (m_lastId > 0 && text == QByteArrayView(m_lastText))
            return m_lastId; // dumps and matrices list a series' samples together
        sqlite3_reset(m_findSeries);
        sqlite3_bind_blob64(m_findSeries, 1, text.data(), static_cast<sqlite3_uint64>(text.size()), SQLITE_STATIC);
        const int rc = sqlite3_step(m_findSeries);
        qint64 id = 0;
        if (rc == SQLITE_ROW) {
            id = sqlite3_column_int64(m_findSeries, 0);
        } else if (rc == SQLITE_DONE) {
            sqlite3_reset(m_insertSeries);
            sqlite3_bind_blob64(
                m_insertSeries, 1, text.data(), static_cast<sqlite3_uint64>(text.size()), SQLITE_STATIC);
            if (sqlite3_step(m_insertSeries) != SQLITE_DONE)
                return fail("cannot store a series in the temporary database");
            id = sqlite3_last_insert_rowid(m_db);
        } else {
            return fail("cannot look up a series in the temporary database");
        }
        sqlite3_reset(m_findSeries);
        m_lastText = text.toByteArray();
        m_lastId = id;
        return id;
    }

    Status add(qint64 time, qint64 line, double value, qint64 series)
    {
        sqlite3_reset(m_insertObs);
        sqlite3_bind_int64(m_insertObs, 1, time);
        sqlite3_bind_int64(m_insertObs, 2, line);
        sqlite3_bind_double(m_insertObs, 3, value);
        sqlite3_bind_int64(m_insertObs, 4, series);
        if (sqlite3_step(m_insertObs) != SQLITE_DONE)
            return fail("cannot store an observation in the temporary database (disk full?)");
        return {};
    }

    Status replay(const Visitor& visit)
    {
        sqlite3_stmt* select = nullptr;
        // Within one scrape, a series' observations are adjacent (duplicates are found without a set of every
        // series) and keep the payload's order (rowid).
        if (!prepare("SELECT o.time, o.line, o.value, s.text FROM obs o JOIN series s ON s.id = o.series "
                     "ORDER BY o.time, o.series, o.rowid",
                &select))
            return fail("cannot sort the temporary database");
        Status status;
        int rc = SQLITE_ROW;
        while (status.ok() && (rc = sqlite3_step(select)) == SQLITE_ROW) {
            Observation obs;
            obs.time = sqlite3_column_int64(select, 0);
            obs.line = sqlite3_column_int64(select, 1);
            obs.value = sqlite3_column_double(select, 2);
            const void* blob = sqlite3_column_blob(select, 3);
            obs.series = QByteArrayView(static_cast<const char*>(blob), sqlite3_column_bytes(select, 3));
            status = visit(obs);
        }
        if (status.ok() && rc != SQLITE_DONE)
            status = fail("cannot read back the temporary database (disk full?)");
        sqlite3_finalize(select);
        return status;
    }

private:
    bool prepare(const char* sql, sqlite3_stmt** stmt)
    {
        return sqlite3_prepare_v2(m_db, sql, -1, stmt, nullptr) == SQLITE_OK;
    }
    Error fail(const char* what) const
    {
        return Error(m_fileName,
            QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromUtf8(m_db ? sqlite3_errmsg(m_db) : "")));
    }

    QString m_fileName;
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_insertObs = nullptr;
    sqlite3_stmt* m_insertSeries = nullptr;
    sqlite3_stmt* m_findSeries = nullptr;
    QByteArray m_lastText;
    qint64 m_lastId = 0;
};

ObservationSorter::ObservationSorter(QString fileName, qint64 memoryBudget)
    : m_fileName(std::move(fileName))
    , m_budget(memoryBudget)
{
}

ObservationSorter::~ObservationSorter() = default;

qsizetype ObservationSorter::seriesId(QByteArrayView series)
{
    if (!m_series.isEmpty() && m_series.constLast() == series)
        return m_series.size() - 1;
    // A raw view for the lookup: only a new series is copied.
    const auto it = m_seriesIds.constFind(QByteArray::fromRawData(series.data(), series.size()));
    if (it != m_seriesIds.constEnd())
        return *it;
    const QByteArray key = series.toByteArray();
    m_series.append(key);
    m_seriesIds.insert(key, m_series.size() - 1);
    const qint64 bytes = 2 * key.size() + 64; // the list and the hash share the bytes; count node overhead
    m_used += bytes;
    m_seriesBytes += bytes;
    return m_series.size() - 1;
}

void ObservationSorter::noteOrder(qint64 time)
{
    // An exporter's scrapes come one after the other: times never go back, so only the observations of one time need
    // sorting, and a scrape is small. A time that is long (or comes back) needs the external sort.
    if (m_count > 1 && time == m_lastTime) {
        if (++m_groupSize * qint64(sizeof(Record)) > m_budget / 2)
            m_inOrder = false;
    } else {
        if (m_count > 1 && time < m_lastTime)
            m_inOrder = false;
        m_groupSize = 1;
    }
    m_lastTime = time;
}

Status ObservationSorter::add(qint64 time, qint64 line, double value, QByteArrayView series, qsizetype& memo)
{
    if (m_disk)
        return add(time, line, value, series);
    if (memo < 0)
        memo = seriesId(series);
    Q_ASSERT(m_series.at(memo) == series);
    ++m_count;
    return keep(Record { time, line, value, memo });
}

Status ObservationSorter::add(qint64 time, qint64 line, double value, QByteArrayView series)
{
    ++m_count;
    if (m_disk) {
        Result<qint64> id = m_disk->seriesId(series);
        if (!id)
            return id.error();
        return m_disk->add(time, line, value, *id);
    }
    return keep(Record { time, line, value, seriesId(series) });
}

Status ObservationSorter::keep(const Record& record)
{
    noteOrder(record.time);
    m_records.append(record);
    m_used += static_cast<qint64>(sizeof(Record));
    if (m_flat && !m_inOrder)
        return moveToDisk();
    if (m_used > m_budget)
        return spill();
    return {};
}

Status ObservationSorter::spill()
{
    // The flat file keeps the series in memory: a payload of ever new series goes to the database instead.
    if (m_inOrder && m_seriesBytes <= m_budget / 2)
        return appendFlat();
    return moveToDisk();
}

Status ObservationSorter::appendFlat()
{
    if (!m_flat) {
        m_flat = std::make_unique<QTemporaryFile>();
        if (!m_flat->open())
            return Error(m_fileName,
                QStringLiteral("cannot create a temporary file to sort observations: %1").arg(m_flat->errorString()));
    }
    const qint64 bytes = m_records.size() * qint64(sizeof(Record));
    if (m_flat->write(reinterpret_cast<const char*>(m_records.constData()), bytes) != bytes)
        return Error(m_fileName,
            QStringLiteral("cannot write the temporary file that sorts observations (disk full?): %1")
                .arg(m_flat->errorString()));
    m_flatCount += m_records.size();
    m_used -= bytes;
    m_records.clear();
    return {};
}

namespace {

// Reads the records of FILE back in blocks, in the order they were written.
template <typename Record, typename Visit> Status readFlat(QFile& file, qint64 count, const QString& name, Visit visit)
{
    if (!file.seek(0))
        return Error(name, QStringLiteral("cannot read back the sort's temporary file: %1").arg(file.errorString()));
    constexpr qint64 kBlock = 32768;
    QList<Record> block(kBlock);
    for (qint64 done = 0; done < count;) {
        const qint64 n = std::min(kBlock, count - done);
        const qint64 bytes = n * qint64(sizeof(Record));
        if (file.read(reinterpret_cast<char*>(block.data()), bytes) != bytes)
            return Error(
                name, QStringLiteral("cannot read back the sort's temporary file: %1").arg(file.errorString()));
        for (qint64 i = 0; i < n; ++i)
            if (Status s = visit(block.at(i)); !s.ok())
                return s;
        done += n;
    }
    return {};
}

} // namespace

Status ObservationSorter::moveToDisk()
{
    auto disk = std::make_unique<Disk>(m_fileName);
    if (Status s = disk->open(); !s.ok())
        return s;
    QList<qint64> ids;
    ids.reserve(m_series.size());
    for (const QByteArray& text : std::as_const(m_series)) {
        Result<qint64> id = disk->seriesId(text);
        if (!id)
            return id.error();
        ids.append(*id);
    }
    // The database's row order is the insertion order, which the sort keeps within a time and series: the flat file's
    // records first, as they came.
    auto insert = [&](const Record& r) { return disk->add(r.time, r.line, r.value, ids.at(r.series)); };
    if (m_flat) {
        if (Status s = readFlat<Record>(*m_flat, m_flatCount, m_fileName, insert); !s.ok())
            return s;
        m_flat.reset();
        m_flatCount = 0;
    }
    for (const Record& r : std::as_const(m_records)) {
        if (Status s = insert(r); !s.ok())
            return s;
    }
    m_records = {};
    m_series = {};
    m_seriesIds = {};
    m_used = 0;
    m_seriesBytes = 0;
    m_disk = std::move(disk);
    return {};
}

Status ObservationSorter::replay(const Visitor& visit)
{
    if (m_disk)
        return m_disk->replay(visit);
    auto byTimeAndSeries = [](const Record& a, const Record& b) {
        return std::tie(a.time, a.series) < std::tie(b.time, b.series);
    };
    auto visitRecord = [&](const Record& r) {
        return visit(Observation { r.time, r.line, r.value, m_series.at(r.series), r.series });
    };
    if (!m_flat) {
        if (m_inOrder) {
            // Times never went back: each time's records are already together, and an exporter writes its series in
            // the same order every scrape, so each scrape is usually in series order already (a linear check instead
            // of a sort of the whole payload).
            for (auto begin = m_records.begin(); begin != m_records.end();) {
                const qint64 time = begin->time;
                auto end = std::find_if(begin, m_records.end(), [time](const Record& r) { return r.time != time; });
                if (!std::is_sorted(begin, end, byTimeAndSeries))
                    std::stable_sort(begin, end, byTimeAndSeries);
                begin = end;
            }
        } else {
            std::stable_sort(m_records.begin(), m_records.end(), byTimeAndSeries);
        }
        for (const Record& r : std::as_const(m_records)) {
            if (Status s = visitRecord(r); !s.ok())
                return s;
        }
        return {};
    }
    // Times never went back (else the records would be in the database): sorting each time's records, which noteOrder
    // kept small, gives the order of the full sort.
    Q_ASSERT(m_inOrder);
    QList<Record> group;
    auto flushGroup = [&]() -> Status {
        if (!std::is_sorted(group.begin(), group.end(), byTimeAndSeries))
            std::stable_sort(group.begin(), group.end(), byTimeAndSeries);
        for (const Record& r : std::as_const(group)) {
            if (Status s = visitRecord(r); !s.ok())
                return s;
        }
        group.clear();
        return {};
    };
    auto take = [&](const Record& r) -> Status {
        if (!group.isEmpty() && group.constFirst().time != r.time) {
            if (Status s = flushGroup(); !s.ok())
                return s;
        }
        group.append(r);
        return {};
    };
    if (Status s = readFlat<Record>(*m_flat, m_flatCount, m_fileName, take); !s.ok())
        return s;
    for (const Record& r : std::as_const(m_records)) {
        if (Status s = take(r); !s.ok())
            return s;
    }
    return flushGroup();
}

} // namespace capaudit

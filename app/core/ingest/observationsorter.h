// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QTemporaryFile>

#include <functional>
#include <memory>

namespace capaudit {

// Puts metric observations into scrape-time order in bounded memory, so a payload may list them in any order real
// tools write: `promtool tsdb dump` and `dump-openmetrics` print each series with all its timestamps before the next
// (and may interleave families), query_range JSON groups values by series. Observations are buffered in memory up to
// a budget. Beyond it, observations whose times never went back so far (an exporter's scrapes, one after the other)
// are appended to a flat temporary file and read back in order, each scrape sorted on its own; any other order moves
// everything to a private temporary SQLite database on disk, whose ORDER BY is an external merge sort. Either way a
// payload of any size is replayed with flat memory, in the same order.
// SERIES is an opaque encoding of the series identity (metric name and labels) chosen by the parser; it comes back
// byte for byte on replay. Series are stored once, each observation refers to its series by number.
class ObservationSorter {
public:
    struct Observation {
        qint64 time = 0; // Unix seconds: the scrape the observation belongs to
        qint64 line = 0; // source line (text) or ordinal (JSON), for error messages
        double value = 0;
        QByteArrayView series;
        // The number add(..., MEMO) gave the series, so a caller can find what it keeps for it without hashing its
        // bytes again; -1 once the observations went through the temporary database, whose numbers are its own.
        qsizetype seriesId = -1;
    };
    using Visitor = std::function<Status(const Observation&)>;

    static constexpr qint64 kDefaultMemoryBudget = 24 * 1024 * 1024;

    explicit ObservationSorter(QString fileName, qint64 memoryBudget = kDefaultMemoryBudget);
    ~ObservationSorter();
    ObservationSorter(const ObservationSorter&) = delete;
    ObservationSorter& operator=(const ObservationSorter&) = delete;

    Status add(qint64 time, qint64 line, double value, QByteArrayView series);
    // The same, for a caller that already knows the series (it looked the bytes up itself): MEMO starts at -1 and
    // keeps the series' id between calls, so its bytes are hashed once, not on every line. Valid for this sorter only.
    Status add(qint64 time, qint64 line, double value, QByteArrayView series, qsizetype& memo);
    // Calls VISIT for every observation in time order; within one time, the observations of one series are
    // adjacent and in insertion order. Stops at the first failed Status.
    Status replay(const Visitor& visit);

    qint64 size() const
    {
        return m_count;
    }
    bool spilled() const
    {
        return m_disk != nullptr || m_flat != nullptr;
    }
    bool sortedOnDisk() const // spilled, and the order was not the scrape order
    {
        return m_disk != nullptr;
    }

private:
    struct Record {
        qint64 time;
        qint64 line;
        double value;
        qsizetype series;
    };
    class Disk;

    Status keep(const Record& record); // in memory, then spilled as the budget says
    Status spill();
    Status appendFlat();
    Status moveToDisk();
    qsizetype seriesId(QByteArrayView series);
    void noteOrder(qint64 time);

    QString m_fileName;
    qint64 m_budget;
    qint64 m_used = 0; // records and series in memory
    qint64 m_seriesBytes = 0; // the series' share of m_used
    qint64 m_count = 0;
    bool m_inOrder = true; // times never went back, and no time had more observations than a flush can sort
    qint64 m_lastTime = 0;
    qint64 m_groupSize = 0; // observations of m_lastTime
    std::unique_ptr<QTemporaryFile> m_flat; // records in replay order, before the ones in m_records
    qint64 m_flatCount = 0;
    QList<Record> m_records;
    QList<QByteArray> m_series;
    QHash<QByteArray, qsizetype> m_seriesIds;
    std::unique_ptr<Disk> m_disk;
};

} // namespace capaudit

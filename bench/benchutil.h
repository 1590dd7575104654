// SPDX-License-Identifier: GPL-3.0-or-later
// Small measuring helpers shared by the benchmarks (header-only: each benchmark is one executable).
#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>

#include <algorithm>
#include <sys/resource.h>

namespace capaudit::bench {

inline double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

inline double worst(const QList<double>& v)
{
    return v.isEmpty() ? 0 : *std::max_element(v.begin(), v.end());
}

// User + system CPU seconds of this process (all threads) or of its waited-for children.
inline double cpuSeconds(int who = RUSAGE_SELF)
{
    rusage u {};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// A field of /proc/self/status in KiB ("VmHWM", "VmRSS"); 0 when unavailable.
inline qint64 procStatusKb(const char* field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

// Resets this process's peak RSS (VmHWM) to its current RSS (Linux >= 4.0), so the peak of one phase can be read
// without the phases before it (e.g. generating the input in memory).
inline bool resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

} // namespace capaudit::bench

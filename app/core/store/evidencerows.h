// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace capaudit {

class CaseStore;

// What a finding cites ("data/focus.csv lines 117–315 of bundle 3f2a…"), to be shown as the rows themselves: the
// evidence viewer's source. The bytes come from the case's stored copy of the bundle file, never from disk, and the
// whole stored file is hashed on the way, so rows are only shown from bytes that match the digest the bundle signed.
struct EvidenceRowsQuery {
    QString bundleDigest;
    QString file; // bundle-relative path
    qint64 firstLine = 0; // 1-based; 0: from the start of the file
    qint64 lastLine = 0; // 0: same as firstLine (or the whole file's first rows when firstLine is 0 too)
    qint64 context = 3; // uncited lines shown before and after
    qint64 maxRows = 20000; // the window is cut here (EvidenceRows::truncated)
};

enum class EvidenceLayout {
    Csv, // header line names the columns (native usage CSV, FOCUS)
    MetricsText, // Prometheus text / OpenMetrics: metric, labels, value, timestamp
    Lines, // anything else (JSON, XML): the raw line only
};

struct EvidenceRow {
    qint64 line = 0; // 1-based line the row starts on
    QString raw; // the source text of the row as stored
    QStringList fields; // by EvidenceRows::columns; empty for comment lines and for EvidenceLayout::Lines
    bool cited = false; // inside the query's line range
};

struct EvidenceRows {
    QString bundleDigest;
    QString file;
    QString format; // the payload format the bundle declares for FILE ("focus-csv", "openmetrics"…), else empty
    EvidenceLayout layout = EvidenceLayout::Lines;
    QStringList columns;
    QList<EvidenceRow> rows;
    qint64 fileLines = 0; // lines in the whole file
    bool truncated = false; // the window held more than maxRows rows
    QString sha256; // of the stored bytes, equal to the digest recorded for FILE
};

// Reads the rows QUERY cites from the case. Errors name the case, the bundle and file, and why (unknown bundle, file
// not in the bundle, lines past the end, stored bytes not matching the recorded digest).
Result<EvidenceRows> readEvidenceRows(CaseStore& store, const EvidenceRowsQuery& query);

// IDEA-style field statistics of one column over ROWS (the cited rows only when CITEDONLY).
struct FieldStatistics {
    QString column;
    qint64 count = 0; // rows with the column
    qint64 empty = 0; // of them empty
    qint64 distinct = 0;
    qint64 numeric = 0; // of the non-empty values, how many are numbers
    double min = 0, max = 0, sum = 0; // over the numeric values (when numeric > 0)
    QString minText, maxText; // lexicographic, over the non-empty values
};
QList<FieldStatistics> fieldStatistics(const EvidenceRows& rows, bool citedOnly);

// Splits one Prometheus-text / OpenMetrics sample line into metric, labels (as written, without braces), value and
// timestamp; an empty list for comments and blank lines. Quote-aware: a '}' or ' ' inside a label value stays there.
QStringList splitMetricsLine(QStringView line);

} // namespace capaudit

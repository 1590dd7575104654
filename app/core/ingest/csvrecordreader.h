// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/linereader.h"

#include <QList>

namespace capaudit {

// RFC 4180 records over a LineReader: quoted fields may hold commas, doubled quotes and line breaks.
// Memory is bounded by the longest record (kMaxRecordLength).
class CsvRecordReader {
public:
    static constexpr qsizetype kMaxRecordLength = 16 * 1024 * 1024;

    CsvRecordReader(QIODevice& device, const QString& fileName);

    // The next record's fields, unquoted, valid until the next call. false at end of input or on error().
    // Blank lines are returned as a record with one empty field.
    bool next(QList<QByteArrayView>& fields);
    qint64 recordLine() const
    {
        return m_recordLine;
    } // line the record starts on
    const Error* error() const;

private:
    bool split(QList<QByteArrayView>& fields);

    LineReader m_lines;
    QString m_fileName;
    QByteArray m_record;
    QByteArray m_fieldData;
    QList<std::pair<qsizetype, qsizetype>> m_spans;
    qint64 m_recordLine = 0;
    bool m_failed = false;
    Error m_error;
};

} // namespace capaudit

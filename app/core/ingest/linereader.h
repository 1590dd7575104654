// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QByteArrayView>

class QIODevice;

namespace capaudit {

// Reads a device line by line through one reused buffer: memory stays bounded by the longest line, whatever the
// file size. Accepts LF and CRLF line ends; a final line without a newline is still returned.
class LineReader {
public:
    static constexpr qsizetype kMaxLineLength = 16 * 1024 * 1024;

    LineReader(QIODevice& device, QString fileName);

    // The next line without its line end, valid until the next call. false at end of input or on error().
    bool next(QByteArrayView& line);
    qint64 lineNumber() const
    {
        return m_lineNumber;
    } // 1-based number of the line last returned
    const Error* error() const
    {
        return m_failed ? &m_error : nullptr;
    }

private:
    bool fill();

    QIODevice& m_device;
    QString m_fileName;
    QByteArray m_buffer;
    qsizetype m_begin = 0; // first unconsumed byte
    qsizetype m_end = 0; // one past the last valid byte
    qint64 m_lineNumber = 0;
    bool m_eof = false;
    bool m_failed = false;
    Error m_error;
};

} // namespace capaudit

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/csvrecordreader.h"

#include <algorithm>

namespace capaudit {

CsvRecordReader::CsvRecordReader(QIODevice& device, const QString& fileName)
    : m_lines(device, fileName)
    , m_fileName(fileName)
{
}

const Error* CsvRecordReader::error() const
{
    if (m_failed)
        return &m_error;
    return m_lines.error();
}

bool CsvRecordReader::next(QList<QByteArrayView>& fields)
{
    QByteArrayView line;
    if (m_failed || !m_lines.next(line))
        return false;
    m_recordLine = m_lines.lineNumber();
    m_record.resize(0);
    m_record.append(line);
    // An odd number of quotes means a quoted field continues on the next line (doubled quotes count twice).
    qsizetype quotes = std::count(line.begin(), line.end(), '"');
    while (quotes % 2 != 0) {
        if (!m_lines.next(line)) {
            if (!m_lines.error()) {
                m_failed = true;
                m_error = Error(m_fileName, m_recordLine, {}, QStringLiteral("quoted field is never closed"));
            }
            return false;
        }
        if (m_record.size() + line.size() > kMaxRecordLength) {
            m_failed = true;
            m_error = Error(m_fileName, m_recordLine, {},
                QStringLiteral("record longer than %1 bytes (unbalanced quote?)").arg(kMaxRecordLength));
            return false;
        }
        m_record.append('\n');
        m_record.append(line);
        quotes += std::count(line.begin(), line.end(), '"');
    }
    return split(fields);
}

bool CsvRecordReader::split(QList<QByteArrayView>& fields)
{
    m_fieldData.resize(0);
    m_spans.resize(0);
    const char* p = m_record.constData();
    const char* const end = p + m_record.size();
    for (;;) {
        const qsizetype start = m_fieldData.size();
        if (p < end && *p == '"') {
            ++p;
            for (;;) {
                const char* q = std::find(p, end, '"');
                m_fieldData.append(p, q - p);
                if (q == end) { // cannot happen after the parity check, kept for safety
                    m_failed = true;
                    m_error = Error(m_fileName, m_recordLine, {}, QStringLiteral("quoted field is never closed"));
                    return false;
                }
                if (q + 1 < end && q[1] == '"') {
                    m_fieldData.append('"');
                    p = q + 2;
                    continue;
                }
                p = q + 1;
                break;
            }
            if (p < end && *p != ',') {
                m_failed = true;
                m_error = Error(m_fileName, m_recordLine, {},
                    QStringLiteral("text after a closing quote in field %1").arg(m_spans.size() + 1));
                return false;
            }
        } else {
            const char* q = std::find(p, end, ',');
            if (std::find(p, q, '"') != q) {
                m_failed = true;
                m_error = Error(m_fileName, m_recordLine, {},
                    QStringLiteral("quote inside unquoted field %1 (RFC 4180 needs the field quoted and "
                                   "the quote doubled)")
                        .arg(m_spans.size() + 1));
                return false;
            }
            m_fieldData.append(p, q - p);
            p = q;
        }
        m_spans.append({ start, m_fieldData.size() - start });
        if (p == end)
            break;
        ++p; // ','
    }
    fields.resize(0);
    for (const auto& [offset, length] : std::as_const(m_spans))
        fields.append(QByteArrayView(m_fieldData.constData() + offset, length));
    return true;
}

} // namespace capaudit

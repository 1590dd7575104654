// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/linereader.h"

#include <QIODevice>

#include <cstring>

namespace capaudit {

namespace {
constexpr qsizetype kChunk = 256 * 1024;
}

LineReader::LineReader(QIODevice& device, QString fileName)
    : m_device(device)
    , m_fileName(std::move(fileName))
{
    m_buffer.resize(kChunk);
}

bool LineReader::fill()
{
    if (m_begin > 0) {
        const qsizetype remaining = m_end - m_begin;
        std::memmove(m_buffer.data(), m_buffer.constData() + m_begin, static_cast<size_t>(remaining));
        m_begin = 0;
        m_end = remaining;
    }
    if (m_end == m_buffer.size()) {
        if (m_buffer.size() >= kMaxLineLength) {
            m_failed = true;
            m_error = Error(
                m_fileName, m_lineNumber + 1, {}, QStringLiteral("line longer than %1 bytes").arg(kMaxLineLength));
            return false;
        }
        m_buffer.resize(std::min(m_buffer.size() * 2, kMaxLineLength));
    }
    const qint64 got = m_device.read(m_buffer.data() + m_end, m_buffer.size() - m_end);
    if (got < 0) {
        m_failed = true;
        m_error = Error(m_fileName, m_lineNumber + 1, {}, QStringLiteral("read error: %1").arg(m_device.errorString()));
        return false;
    }
    if (got == 0)
        m_eof = true;
    m_end += got;
    return true;
}

bool LineReader::next(QByteArrayView& line)
{
    qsizetype searchFrom = m_begin;
    for (;;) {
        const char* base = m_buffer.constData();
        const void* hit = m_end > searchFrom
            ? std::memchr(base + searchFrom, '\n', static_cast<size_t>(m_end - searchFrom))
            : nullptr;
        if (hit) {
            const qsizetype nl = static_cast<const char*>(hit) - base;
            qsizetype stop = nl;
            if (stop > m_begin && base[stop - 1] == '\r')
                --stop;
            line = QByteArrayView(base + m_begin, stop - m_begin);
            m_begin = nl + 1;
            ++m_lineNumber;
            return true;
        }
        if (m_eof) {
            if (m_begin == m_end)
                return false;
            qsizetype stop = m_end;
            if (base[stop - 1] == '\r')
                --stop;
            line = QByteArrayView(base + m_begin, stop - m_begin);
            m_begin = m_end;
            ++m_lineNumber;
            return true;
        }
        const qsizetype scanned = m_end - m_begin;
        if (!fill())
            return false;
        searchFrom = m_begin + scanned;
    }
}

} // namespace capaudit

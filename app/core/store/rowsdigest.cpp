// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/rowsdigest.h"

#include <QtEndian>

#include <cmath>
#include <cstring>

namespace capaudit {

namespace {
constexpr qsizetype kBufferSize = 1 << 16; // one EVP update per 64 KiB rather than per column
} // namespace

RowsDigest::RowsDigest()
    : m_buffer(kBufferSize, Qt::Uninitialized)
{
}

// The hot path of telemetry import writes ~25 fields per row: raw writes into a fixed buffer, not QByteArray appends.
void RowsDigest::put(const char* data, qsizetype size)
{
    if (size == 0)
        return; // an empty field may come as a null pointer, which memcpy must not be given even for 0 bytes
    if (m_used + size > m_buffer.size()) {
        m_hasher.add(QByteArrayView(m_buffer.constData(), m_used));
        m_used = 0;
        if (size > m_buffer.size()) {
            m_hasher.add(QByteArrayView(data, size));
            return;
        }
    }
    std::memcpy(m_buffer.data() + m_used, data, size_t(size));
    m_used += size;
}

void RowsDigest::putTagged(char tag, quint64 value)
{
    char bytes[9];
    bytes[0] = tag;
    qToBigEndian(value, bytes + 1);
    put(bytes, 9);
}

void RowsDigest::beginRow(QByteArrayView table)
{
    ++m_rows;
    put("R", 1);
    addText(table);
}

void RowsDigest::addInt(qint64 value)
{
    putTagged('i', quint64(value));
}

void RowsDigest::addReal(double value)
{
    if (std::isnan(value)) {
        put("n", 1);
        return;
    }
    // SQLite stores -0.0 as the integer 0; both must hash alike.
    value += 0.0;
    quint64 bits;
    std::memcpy(&bits, &value, sizeof bits);
    putTagged('r', bits);
}

void RowsDigest::addText(QByteArrayView utf8)
{
    char header[5];
    header[0] = 's';
    qToBigEndian(quint32(utf8.size()), header + 1);
    put(header, 5);
    put(utf8.data(), utf8.size());
}

QString RowsDigest::finish()
{
    m_hasher.add(QByteArrayView(m_buffer.constData(), m_used));
    m_used = 0;
    return QString::fromLatin1(m_hasher.finish().toHex());
}

} // namespace capaudit

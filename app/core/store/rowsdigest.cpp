// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/rowsdigest.h"

#include <QtEndian>

#include <cmath>
#include <cstring>

namespace capaudit {

namespace {
constexpr qsizetype kFlushSize = 1 << 16; // one EVP update per 64 KiB rather than per column

void appendBigEndian(QByteArray& buffer, quint64 value)
{
    char bytes[8];
    qToBigEndian(value, bytes);
    buffer.append(bytes, 8);
}
} // namespace

void RowsDigest::beginRow(QByteArrayView table)
{
    flushIfFull();
    ++m_rows;
    m_buffer.append('R');
    addText(table);
}

void RowsDigest::addInt(qint64 value)
{
    m_buffer.append('i');
    appendBigEndian(m_buffer, quint64(value));
}

void RowsDigest::addReal(double value)
{
    if (std::isnan(value)) {
        m_buffer.append('n');
        return;
    }
    // SQLite stores -0.0 as the integer 0; both must hash alike.
    value += 0.0;
    quint64 bits;
    std::memcpy(&bits, &value, sizeof bits);
    m_buffer.append('r');
    appendBigEndian(m_buffer, bits);
}

void RowsDigest::addText(QByteArrayView utf8)
{
    m_buffer.append('s');
    char length[4];
    qToBigEndian(quint32(utf8.size()), length);
    m_buffer.append(length, 4);
    m_buffer.append(utf8.data(), utf8.size());
}

void RowsDigest::flushIfFull()
{
    if (m_buffer.size() < kFlushSize)
        return;
    m_hasher.add(m_buffer);
    m_buffer.resize(0);
}

QString RowsDigest::finish()
{
    m_hasher.add(m_buffer);
    m_buffer.clear();
    return QString::fromLatin1(m_hasher.finish().toHex());
}

} // namespace capaudit

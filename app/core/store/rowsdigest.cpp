// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/rowsdigest.h"

#include <QtEndian>

#include <cstring>

namespace capaudit {

RowsDigest::RowsDigest()
    : m_buffer(new char[size_t(kBufferSize)])
{
}

void RowsDigest::flush()
{
    m_hasher.add(QByteArrayView(m_buffer.get(), m_used));
    m_used = 0;
}

void RowsDigest::addLongText(QByteArrayView utf8)
{
    char* header = room(5);
    header[0] = 's';
    qToBigEndian(quint32(utf8.size()), header + 1);
    if (m_used + utf8.size() > kBufferSize) {
        flush();
        if (utf8.size() > kBufferSize) {
            m_hasher.add(utf8);
            return;
        }
    }
    std::memcpy(m_buffer.get() + m_used, utf8.data(), size_t(utf8.size()));
    m_used += utf8.size();
}

void RowsDigest::beginRow(QByteArrayView table)
{
    ++m_rows;
    *room(1) = 'R';
    addText(table);
}

QString RowsDigest::finish()
{
    flush();
    return QString::fromLatin1(m_hasher.finish().toHex());
}

} // namespace capaudit

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/digest.h"

#include <QByteArray>
#include <QString>
#include <QtEndian>

#include <cmath>
#include <cstring>
#include <memory>

namespace capaudit {

// SHA-256 over a bundle's parsed rows, fed column by column in a fixed order. The importer feeds the values it
// inserts; verify-case feeds the values it reads back (dictionary ids resolved to names), so any edit to a row,
// to a dictionary name a row points at, or to the order of rows changes the digest. Encoding (docs/case-file.md):
//   row start  'R' + text(table)      integer  'i' + 8 bytes big-endian two's complement
//   real       'r' + 8 bytes big-endian IEEE 754 (-0 as +0)     missing (NULL/NaN) 'n'
//   text       's' + 4 bytes big-endian length + UTF-8 bytes
class RowsDigest {
public:
    RowsDigest();
    void beginRow(QByteArrayView table);
    // The hot path of telemetry import writes a dozen fields per row: they are stored straight into a fixed buffer
    // (one EVP update per 64 KiB), inline, with no call per field.
    void addInt(qint64 value)
    {
        putTagged('i', quint64(value));
    }
    void addReal(double value)
    {
        if (std::isnan(value)) {
            *room(1) = 'n';
            return;
        }
        // SQLite stores -0.0 as the integer 0; both must hash alike.
        value += 0.0;
        quint64 bits;
        std::memcpy(&bits, &value, sizeof bits);
        putTagged('r', bits);
    }
    void addText(QByteArrayView utf8)
    {
        const qsizetype size = utf8.size();
        if (size > kSmallText) {
            addLongText(utf8);
            return;
        }
        char* out = room(5 + size);
        out[0] = 's';
        qToBigEndian(quint32(size), out + 1);
        for (qsizetype i = 0; i < size; ++i) // names are short: a loop beats a call to memcpy
            out[5 + i] = utf8[i];
    }
    qint64 rows() const
    {
        return m_rows;
    }
    QString finish(); // lowercase hex

private:
    static constexpr qsizetype kBufferSize = 1 << 16;
    static constexpr qsizetype kSmallText = 64;

    // SIZE bytes at the end of the buffer, flushed first when they do not fit; SIZE is at most kBufferSize.
    char* room(qsizetype size)
    {
        if (m_used + size > kBufferSize)
            flush();
        char* out = m_buffer.get() + m_used;
        m_used += size;
        return out;
    }
    void putTagged(char tag, quint64 value)
    {
        char* out = room(9);
        out[0] = tag;
        qToBigEndian(value, out + 1);
    }
    void flush();
    void addLongText(QByteArrayView utf8);

    crypto::Hasher m_hasher;
    std::unique_ptr<char[]> m_buffer;
    qsizetype m_used = 0;
    qint64 m_rows = 0;
};

} // namespace capaudit

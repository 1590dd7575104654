// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/digest.h"

#include <QByteArray>
#include <QString>

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
    void addInt(qint64 value);
    void addReal(double value);
    void addText(QByteArrayView utf8);
    qint64 rows() const
    {
        return m_rows;
    }
    QString finish(); // lowercase hex

private:
    void put(const char* data, qsizetype size);
    void putTagged(char tag, quint64 value);

    crypto::Hasher m_hasher;
    QByteArray m_buffer;
    qsizetype m_used = 0;
    qint64 m_rows = 0;
};

} // namespace capaudit

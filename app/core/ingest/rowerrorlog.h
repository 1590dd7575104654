// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QList>

namespace capaudit {

// Where a line-based parser puts a bad line instead of stopping at it, so that `lint` can list every problem of a
// payload in one pass. Import never passes one: evidence with a bad line is refused whole. Keeps the first LIMIT
// errors and counts the rest, so a file of a million bad lines cannot exhaust memory.
class RowErrorLog {
public:
    explicit RowErrorLog(qsizetype limit = 50)
        : m_limit(limit)
    {
    }
    void add(Error error)
    {
        ++m_total;
        if (m_kept.size() < m_limit)
            m_kept.append(std::move(error));
    }
    const QList<Error>& kept() const
    {
        return m_kept;
    }
    qint64 total() const
    {
        return m_total;
    }

private:
    qsizetype m_limit;
    QList<Error> m_kept;
    qint64 m_total = 0;
};

} // namespace capaudit

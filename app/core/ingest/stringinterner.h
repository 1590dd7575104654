// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/numbers.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace capaudit {

// Node names, tenants and resource classes repeat millions of times; interning makes every sample share one QString
// buffer per distinct value and skips UTF-8 decoding for values already seen.
class StringInterner {
public:
    // nullopt when TEXT is not valid UTF-8: evidence must not be silently altered by replacement characters.
    std::optional<QString> intern(QByteArrayView text);
    qsizetype size() const
    {
        return m_strings.size();
    }

private:
    QHash<QByteArray, QString> m_strings;
};

// One slot per column: consecutive rows usually repeat the previous value, which is cheaper to compare than to hash.
class CachedInterner {
public:
    explicit CachedInterner(StringInterner& interner)
        : m_interner(interner)
    {
    }
    std::optional<QString> intern(QByteArrayView text)
    {
        if (m_valid && QByteArrayView(m_lastBytes) == text)
            return m_last;
        auto s = m_interner.intern(text);
        if (s) {
            ingest::assignBytes(m_lastBytes, text);
            m_last = *s;
            m_valid = true;
        }
        return s;
    }

private:
    StringInterner& m_interner;
    QByteArray m_lastBytes;
    QString m_last;
    bool m_valid = false;
};

} // namespace capaudit

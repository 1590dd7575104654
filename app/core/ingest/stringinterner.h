// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/numbers.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <algorithm>
#include <array>
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

// A few slots per column: a column cycles through a handful of values (a node's tenants, the classes of a scrape),
// which is cheaper to compare byte for byte than to hash.
class CachedInterner {
public:
    explicit CachedInterner(StringInterner& interner)
        : m_interner(interner)
    {
    }
    std::optional<QString> intern(QByteArrayView text)
    {
        for (int i = 0; i < m_used; ++i)
            if (QByteArrayView(m_slots[size_t(i)].bytes) == text)
                return m_slots[size_t(i)].string;
        auto s = m_interner.intern(text);
        if (s) {
            Slot& slot = m_slots[size_t(m_next)];
            ingest::assignBytes(slot.bytes, text);
            slot.string = *s;
            m_next = (m_next + 1) % kSlots;
            m_used = std::min(m_used + 1, kSlots);
        }
        return s;
    }

private:
    static constexpr int kSlots = 8;
    struct Slot {
        QByteArray bytes;
        QString string;
    };
    StringInterner& m_interner;
    std::array<Slot, kSlots> m_slots;
    int m_used = 0;
    int m_next = 0;
};

} // namespace capaudit

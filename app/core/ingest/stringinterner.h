// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/numbers.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <algorithm>
#include <array>
#include <cstring>
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

// A column repeats a bounded set of values (a bank's nodes in turn, a node's tenants, the classes of a scrape). This
// direct-mapped table of recent values answers most lookups with one cheap hash of a few bytes and one compare, before
// the interner's full hash; a hostile file of ever-new names only misses, and then costs what the interner costs.
class CachedInterner {
public:
    explicit CachedInterner(StringInterner& interner)
        : m_interner(interner)
    {
    }
    std::optional<QString> intern(QByteArrayView text)
    {
        Slot& slot = m_slots[index(text)];
        if (slot.valid && QByteArrayView(slot.bytes) == text)
            return slot.string;
        auto s = m_interner.intern(text);
        if (s) {
            ingest::assignBytes(slot.bytes, text);
            slot.string = *s;
            slot.valid = true;
        }
        return s;
    }

private:
    static constexpr size_t kSlots = 128;
    static size_t index(QByteArrayView text)
    {
        // The first and last eight bytes and the length: names that share a prefix (a-cpu-01, a-cpu-02, …) differ
        // at the end.
        quint64 head = 0;
        quint64 tail = 0;
        const size_t n = size_t(text.size());
        if (n > 0) // memcpy from the null pointer of an empty view is undefined even for zero bytes
            std::memcpy(&head, text.data(), std::min<size_t>(n, 8));
        if (n > 8)
            std::memcpy(&tail, text.data() + n - 8, 8);
        const quint64 mixed = (head ^ (tail << 1 | tail >> 63) ^ n) * 0x9E3779B97F4A7C15ULL;
        return size_t(mixed >> 57) % kSlots;
    }
    struct Slot {
        QByteArray bytes;
        QString string;
        bool valid = false;
    };
    StringInterner& m_interner;
    std::array<Slot, kSlots> m_slots;
};

} // namespace capaudit

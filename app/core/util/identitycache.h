// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <array>

namespace capaudit {

// Names that come out of a StringInterner repeat as the very same QString buffer, millions of times. This cache answers
// a lookup by the buffer's address, without hashing or comparing the text (hashing was about 9 s of the 21 s CPU of
// a 10 M-row import before it): a direct-mapped table of SLOTS entries, the caller falling back to its real map on a
// miss. Sound because each slot holds a copy of its QString: the buffer stays alive while the slot exists, so its
// address cannot be reused by another name, and an equal address and length mean equal text.
template <typename Value, size_t Slots = 256> class IdentityCache {
public:
    const Value* find(const QString& name) const
    {
        const Slot& slot = m_slots[index(name)];
        return slot.valid && slot.name.constData() == name.constData() && slot.name.size() == name.size() ? &slot.value
                                                                                                          : nullptr;
    }
    void insert(const QString& name, Value value)
    {
        m_slots[index(name)] = { name, std::move(value), true };
    }

private:
    static size_t index(const QString& name)
    {
        // The interner allocates its buffers close together, 16-byte aligned: the low bits of an address alone put a
        // bank's 64 node names into a few slots. Fibonacci hashing spreads them over the table.
        const quint64 address = quint64(reinterpret_cast<quintptr>(name.constData()) >> 4);
        return size_t((address * 0x9E3779B97F4A7C15ULL) >> 32) % Slots;
    }
    struct Slot {
        QString name;
        Value value {};
        bool valid = false;
    };
    std::array<Slot, Slots> m_slots;
};

} // namespace capaudit

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <cmath>
#include <initializer_list>

namespace capaudit::demo {

// Counter-based randomness: every value is a pure function of (seed, key...). The simulation can then be evaluated
// in any order (per bundle, per billing day) and still produce the same numbers, and adding a new random draw never
// shifts the existing ones. std:: distributions are avoided on purpose: their output is not specified by the standard.
inline quint64 mix64(quint64 x)
{
    // splitmix64 finaliser
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

inline quint64 hashKey(quint64 seed, std::initializer_list<quint64> keys)
{
    quint64 h = mix64(seed);
    for (quint64 k : keys)
        h = mix64(h ^ k);
    return h;
}

inline quint64 hashName(QByteArrayView name)
{
    quint64 h = 0xcbf29ce484222325ULL; // FNV-1a, only used to turn stream names into keys
    for (char c : name) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

// Uniform in [0, 1).
inline double uniform(quint64 seed, std::initializer_list<quint64> keys)
{
    return static_cast<double>(hashKey(seed, keys) >> 11) * 0x1.0p-53;
}

// Uniform in [-1, 1).
inline double symmetric(quint64 seed, std::initializer_list<quint64> keys)
{
    return 2.0 * uniform(seed, keys) - 1.0;
}

} // namespace capaudit::demo

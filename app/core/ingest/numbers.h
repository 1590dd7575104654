// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>

namespace capaudit::ingest {

// Copies TEXT into OUT, reusing OUT's capacity (no allocation once OUT is large enough).
inline void assignBytes(QByteArray& out, QByteArrayView text)
{
    out.resize(text.size());
    if (!text.isEmpty())
        std::memcpy(out.data(), text.data(), static_cast<size_t>(text.size()));
}

// The start of an offending value for an error message; bounded so a corrupt line cannot flood a report.
inline QString excerpt(QByteArrayView text)
{
    constexpr qsizetype kMax = 80;
    if (text.size() <= kMax)
        return QString::fromUtf8(text);
    return QString::fromUtf8(text.first(kMax)) + QStringLiteral("…");
}

// Plain decimal or E-notation, the whole field, finite. No '+', no thousands separators, no currency symbols
// (FOCUS numeric format; the native CSV uses the same rule). std::from_chars is locale-independent and fast.
inline std::optional<double> parseFiniteDecimal(QByteArrayView text)
{
    if (text.isEmpty())
        return std::nullopt;
    const char* begin = text.data();
    const char* end = begin + text.size();
    // from_chars also accepts "inf"/"nan"; reject letters other than an exponent before asking it.
    for (const char* p = begin; p != end; ++p) {
        const char c = *p;
        if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'e' || c == 'E'))
            return std::nullopt;
    }
    double value = 0;
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// A Prometheus/OpenMetrics sample value: Go ParseFloat syntax including NaN, +Inf, -Inf (may be non-finite).
inline std::optional<double> parseMetricValue(QByteArrayView text)
{
    if (text.isEmpty())
        return std::nullopt;
    if (text.front() == '+')
        text = text.sliced(1);
    if (text.isEmpty() || text.front() == '+')
        return std::nullopt;
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size())
        return std::nullopt;
    return value;
}

inline std::optional<qint64> parseInteger(QByteArrayView text)
{
    if (text.isEmpty())
        return std::nullopt;
    qint64 value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size())
        return std::nullopt;
    return value;
}

} // namespace capaudit::ingest

// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/timeutil.h"

namespace capaudit {

namespace {

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar, no locale or tz database.
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<qint64>(doe) - 719468;
}

bool digits(QByteArrayView s, qsizetype pos, qsizetype count, int& out)
{
    if (pos + count > s.size())
        return false;
    int v = 0;
    for (qsizetype i = pos; i < pos + count; ++i) {
        const char c = s[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

int daysInMonth(int y, int m)
{
    static constexpr int kDays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

} // namespace

std::optional<qint64> parseUnixSeconds(QByteArrayView s)
{
    s = s.trimmed();
    int year, month, day, hour = 0, minute = 0, second = 0;
    if (!digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, month) || s[7] != '-'
        || !digits(s, 8, 2, day))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return std::nullopt;
    qsizetype pos = 10;
    qint64 offset = 0;
    if (pos < s.size()) {
        const char sep = s[pos];
        if (sep != 'T' && sep != 't' && sep != ' ')
            return std::nullopt;
        if (!digits(s, pos + 1, 2, hour) || s.size() < pos + 9 || s[pos + 3] != ':' || !digits(s, pos + 4, 2, minute)
            || s[pos + 6] != ':' || !digits(s, pos + 7, 2, second))
            return std::nullopt;
        if (hour > 23 || minute > 59 || second > 60)
            return std::nullopt;
        pos += 9;
        if (pos < s.size() && s[pos] == '.') {
            ++pos;
            const qsizetype start = pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
                ++pos;
            if (pos == start)
                return std::nullopt;
        }
        if (pos < s.size()) {
            const char z = s[pos];
            if (z == 'Z' || z == 'z') {
                ++pos;
            } else if (z == '+' || z == '-') {
                int oh, om;
                if (!digits(s, pos + 1, 2, oh) || s.size() < pos + 6 || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om))
                    return std::nullopt;
                // RFC 3339 time-numoffset: hours 00-23, minutes 00-59. "+99:99" or "+24:00" is no offset at all,
                // and accepting it would shift the instant by a day or more.
                if (oh > 23 || om > 59)
                    return std::nullopt;
                offset = (oh * 3600 + om * 60) * (z == '+' ? 1 : -1);
                pos += 6;
            } else {
                return std::nullopt;
            }
        }
        if (pos != s.size())
            return std::nullopt;
    }
    // A leap second is folded onto the next second: telemetry resolution is minutes.
    return daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + hour * 3600
        + minute * 60 + second - offset;
}

std::optional<QDateTime> parseTimestamp(QStringView text)
{
    const QByteArray latin = text.toLatin1();
    const auto secs = parseUnixSeconds(latin);
    if (!secs)
        return std::nullopt;
    qint64 millis = *secs * 1000;
    // Keep milliseconds when present: signing times are compared at sub-second precision.
    const qsizetype dot = latin.indexOf('.');
    if (dot > 0) {
        int ms = 0, n = 0;
        for (qsizetype i = dot + 1; i < latin.size() && n < 3 && latin[i] >= '0' && latin[i] <= '9'; ++i, ++n)
            ms = ms * 10 + (latin[i] - '0');
        for (; n < 3; ++n)
            ms *= 10;
        millis += ms;
    }
    return QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC);
}

QString formatTimestamp(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QString formatUnixSeconds(qint64 seconds)
{
    return formatTimestamp(QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC));
}

std::optional<qint64> parseDuration(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    qint64 unit = 1;
    switch (text.back().toLatin1()) {
    case 's':
        unit = 1;
        break;
    case 'm':
        unit = 60;
        break;
    case 'h':
        unit = 3600;
        break;
    case 'd':
        unit = 86400;
        break;
    case 'w':
        unit = 7 * 86400;
        break;
    default:
        unit = 0;
    }
    const QStringView number = unit ? text.chopped(1) : text;
    bool ok = false;
    const qint64 value = number.toLongLong(&ok);
    if (!ok || value <= 0)
        return std::nullopt;
    return value * (unit ? unit : 1);
}

} // namespace capaudit

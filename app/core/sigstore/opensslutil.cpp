// SPDX-License-Identifier: GPL-3.0-or-later
#include "sigstore/opensslutil.h"

#include <openssl/asn1.h>
#include <openssl/err.h>

#include <ctime>

namespace capaudit::sigstore::detail {

QString takeOpensslError(const QString& fallback)
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return fallback;
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    return QStringLiteral("%1: %2").arg(fallback, QString::fromLatin1(buffer));
}

QDateTime fromAsn1Time(const ASN1_TIME* time)
{
    std::tm tm {};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1)
        return {};
    const QDate date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    const QTime clock(tm.tm_hour, tm.tm_min, tm.tm_sec);
    return QDateTime(date, clock, Qt::UTC);
}

} // namespace capaudit::sigstore::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

using ASN1_TIME = struct asn1_string_st;

namespace capaudit::sigstore::detail {

// The first queued OpenSSL error as text (or FALLBACK), clearing the queue.
QString takeOpensslError(const QString& fallback);
// ASN1_TIME / ASN1_GENERALIZEDTIME -> UTC, invalid on failure.
QDateTime fromAsn1Time(const ASN1_TIME* time);

} // namespace capaudit::sigstore::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sigstore/trustedroot.h"

#include <QDateTime>

namespace capaudit::sigstore {

struct TimestampVerification {
    bool ok = false;
    QDateTime time; // genTime of the token (set whenever the token could be read)
    QString authority; // URI of the trusted TSA that signed it
    QString reason;
};

// RFC 3161: RESPONSE (DER TimeStampResp) must be signed by one of AUTHORITIES (its chain validated at the
// token's genTime, so a since-expired TSA certificate is fine), its message imprint must be the hash of
// SIGNEDDATA, and genTime must lie inside that authority's trusted-root validity.
TimestampVerification verifyRfc3161Timestamp(
    const QByteArray& response, const QByteArray& signedData, const QList<CertificateAuthority>& authorities);

} // namespace capaudit::sigstore

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/certificate.h"
#include "sigstore/trustedroot.h"

namespace capaudit::sigstore {

inline constexpr auto kFulcioIssuerV2Oid = "1.3.6.1.4.1.57264.1.8"; // DER UTF8String
inline constexpr auto kFulcioIssuerV1Oid = "1.3.6.1.4.1.57264.1.1"; // raw string (deprecated)

// The OIDC issuer Fulcio recorded in CERT: the v2 extension when present, the legacy one otherwise; empty if none.
QString fulcioIssuer(const crypto::Certificate& cert);

struct SctVerification {
    bool ok = false;
    int verified = 0; // SCTs that verified against a trusted CT log
    QString reason;
};

// Embedded precertificate SCTs of LEAF (RFC 6962 section 3.2): each is checked against the CT log of the same
// log id in CTLOGS, over the precertificate TBS (the leaf's TBS without the SCT extension) and ISSUER's key hash.
// OK when at least one SCT verifies.
SctVerification verifyEmbeddedScts(
    const crypto::Certificate& leaf, const crypto::Certificate& issuer, const QList<LogKey>& ctlogs);

} // namespace capaudit::sigstore

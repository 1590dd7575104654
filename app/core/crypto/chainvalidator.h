// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/certificate.h"

namespace capaudit::crypto {

enum class ChainFailure {
    None,
    UntrustedRoot, // no path to any trusted root
    Expired, // a certificate's notAfter is before the verification time
    NotYetValid,
    Revoked,
    KeyUsage, // leaf lacks digitalSignature, or an issuer is not a CA
    CrlProblem, // CRL missing, expired or badly signed while CRL checking was required
    Malformed,
    Other,
};

struct ChainResult {
    ChainFailure failure = ChainFailure::Other;
    QString reason; // plain language, names the certificate (subject) and the date that failed
    QString hint; // what the auditor can do about it
    int depth = -1; // which certificate failed, 0 = leaf
    QList<Certificate> path; // leaf .. root when validation succeeded
    bool ok() const
    {
        return failure == ChainFailure::None;
    }
};

// X.509 path validation with OpenSSL against explicit roots only (never the system store).
class ChainValidator {
public:
    void addRoot(const Certificate& root);
    void addRevocationList(const RevocationList& crl);
    // Intermediates may be trusted too (Sigstore trusted roots list whole chains).
    void setAllowPartialChain(bool allow)
    {
        m_partialChain = allow;
    }
    const QList<Certificate>& roots() const
    {
        return m_roots;
    }

    // AT: the signing time; certificate validity is checked at that instant. An invalid AT means "now".
    // CRLs are checked for every certificate whose issuer has a CRL in the validator.
    ChainResult validate(const Certificate& leaf, const QList<Certificate>& intermediates, const QDateTime& at) const;

private:
    QList<Certificate> m_roots;
    QList<RevocationList> m_crls;
    bool m_partialChain = false;
};

} // namespace capaudit::crypto

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/certificate.h"
#include "crypto/publickey.h"
#include "util/result.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace capaudit::crypto {

// What an issued X.509 v3 certificate says about its subject. Used by the tests and the demo PKI only:
// CapAudit never issues certificates for real evidence.
struct CertificateRequest {
    QString commonName;
    QString organization; // omitted from the subject when empty
    QString country; // two letters, omitted when empty
    bool isCa = false;
    int pathLength = -1; // basicConstraints pathLenConstraint for CAs; -1: unlimited
    bool digitalSignature = true;
    bool keyCertSign = false; // also sets cRLSign; implied by isCa in practice but kept explicit for negative tests
    QDateTime notBefore; // invalid: now
    QDateTime notAfter; // invalid: notBefore + 1 year
    quint64 serial = 0; // 0: random 64-bit serial
    QStringList uris; // subjectAltName URI entries
    QStringList emails; // subjectAltName rfc822Name entries
    // Non-critical extensions given as dotted OID and DER value (e.g. Fulcio's OIDC issuer 1.3.6.1.4.1.57264.1.8, a
    // DER UTF8String), for test certificates shaped like keyless Sigstore ones.
    QList<QPair<QByteArray, QByteArray>> rawExtensions;
    QByteArray extendedKeyUsage; // OpenSSL syntax ("codeSigning", "serverAuth,clientAuth"); omitted when empty
};

// Issues a certificate for SUBJECTKEY signed by ISSUERKEY. A null ISSUER makes it self-signed (ISSUERKEY must then
// be SUBJECTKEY's private half). Adds SKI/AKI, critical basicConstraints and critical keyUsage. The signature uses
// SHA-256 (SHA-384 for P-384 issuers, SHA-512 for P-521, none for Ed25519). With a fixed serial and fixed times
// the output is deterministic except for the signature value.
Result<Certificate> issueCertificate(const CertificateRequest& request, const PublicKey& subjectKey,
    const PrivateKey& issuerKey, const Certificate& issuer = {});

struct RevokedEntry {
    QString serialHex; // as Certificate::serialHex()
    QDateTime revokedAt; // invalid: the CRL's lastUpdate
};

// Extensions for negative tests of CRLs CapAudit refuses (OpenSSL configuration syntax, empty: omitted).
struct RevocationListExtras {
    qint64 deltaBaseCrlNumber = -1; // >= 0: a critical deltaCRLIndicator naming this base CRL number
    QByteArray issuingDistributionPoint; // e.g. "critical,indirectCRL:TRUE" or "critical,onlysomereasons:keyCompromise"
};

// Issues a v2 CRL signed by ISSUER (AKI and CRL number 1 included).
Result<RevocationList> issueRevocationList(const Certificate& issuer, const PrivateKey& issuerKey,
    const QList<RevokedEntry>& revoked, const QDateTime& lastUpdate, const QDateTime& nextUpdate,
    const RevocationListExtras& extras = {});

// PEM "X509 CRL" text (same as RevocationList::toPem()).
QByteArray toPem(const RevocationList& crl);

} // namespace capaudit::crypto

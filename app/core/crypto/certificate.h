// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/publickey.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <memory>

using X509 = struct x509_st;
using X509_CRL = struct X509_crl_st;

namespace capaudit::crypto {

// Where a certificate stands in a chain, read from the certificate alone: a root is a self-signed CA
// (basicConstraints cA TRUE), an intermediate a CA signed by another key, a leaf anything that is not a CA.
enum class CertificateKind { Root, Intermediate, Leaf };

class Certificate {
public:
    Certificate() = default;
    static Result<Certificate> fromPem(QByteArrayView pem); // first certificate in the text
    static Result<Certificate> fromDer(QByteArrayView der);
    // Every certificate of a PEM file, in order; an error if one is malformed or there is none.
    static Result<QList<Certificate>> listFromPem(QByteArrayView pem);
    static Certificate fromNative(X509* cert); // takes one reference (X509_up_ref is called)

    bool isNull() const
    {
        return !m_cert;
    }
    QString subject() const; // RFC 2253, e.g. "CN=Meter,O=Acme"
    QString issuer() const;
    QString commonName() const;
    QString serialHex() const;
    QDateTime notBefore() const;
    QDateTime notAfter() const;
    bool isCa() const;
    bool isSelfIssued() const;
    bool allowsDigitalSignature() const; // keyUsage absent or containing digitalSignature
    bool hasCaBasicConstraint() const; // basicConstraints present with cA TRUE
    CertificateKind kind() const;
    bool allowsCodeSigning() const; // extendedKeyUsage absent, or containing codeSigning or anyExtendedKeyUsage
    QStringList subjectAlternativeNames() const; // URIs, emails and DNS names as text
    // URIs and e-mail addresses only: the names that identify a person or workflow (keyless signers), never a host.
    QStringList identityNames() const;
    // Text of an X.509v3 extension's value by dotted OID (e.g. Fulcio's issuer 1.3.6.1.4.1.57264.1.1), or empty.
    QByteArray extensionValue(const char* oid) const;
    PublicKey publicKey() const;
    // True when ISSUERKEY verifies this certificate's signature (structure check, no trust or dates involved).
    bool isSignedBy(const PublicKey& issuerKey) const;
    QByteArray subjectKeyId() const; // raw SKI bytes, empty when absent
    QByteArray authorityKeyId() const; // raw AKI keyIdentifier bytes, empty when absent
    QByteArray toDer() const;
    QByteArray toPem() const;
    QString fingerprint() const; // SHA-256 of the DER certificate, lowercase hex
    X509* native() const
    {
        return m_cert.get();
    }

    bool operator==(const Certificate& other) const;

private:
    std::shared_ptr<X509> m_cert;
};

class RevocationList {
public:
    static Result<RevocationList> fromPem(QByteArrayView pem);
    static Result<RevocationList> fromDer(QByteArrayView der);
    static RevocationList fromNative(X509_CRL* crl); // takes one reference (X509_CRL_up_ref is called)
    bool isNull() const
    {
        return !m_crl;
    }
    QString issuer() const; // RFC 2253
    bool isRevoked(const Certificate& cert) const; // listed by serial (issuer match is the caller's business)
    // Why CapAudit's path validation could not apply this CRL completely, or empty when it can: a delta CRL, an
    // indirect CRL or one partitioned by reason would be skipped by OpenSSL's basic CRL support, and the certificate
    // it revokes would then verify. Such a CRL is refused when added to a trust store (docs/bundle-format.md).
    QString unsupportedReason() const;
    QByteArray toDer() const;
    QByteArray toPem() const;
    QDateTime lastUpdate() const;
    QDateTime nextUpdate() const;
    X509_CRL* native() const
    {
        return m_crl.get();
    }

private:
    std::shared_ptr<X509_CRL> m_crl;
};

} // namespace capaudit::crypto

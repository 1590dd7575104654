// SPDX-License-Identifier: GPL-3.0-or-later
// RevocationList (declared in certificate.h).
#include "crypto/certificate.h"
#include "crypto/opensslutil.h"

#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace capaudit::crypto {

Result<RevocationList> RevocationList::fromPem(QByteArrayView pem)
{
    auto bio = detail::memoryBio(pem);
    X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr);
    if (!crl)
        return Error(QStringLiteral("no readable PEM CRL (X509 CRL): %1").arg(detail::takeOpenSslError()));
    RevocationList out;
    out.m_crl = std::shared_ptr<X509_CRL>(crl, X509_CRL_free);
    return out;
}

Result<RevocationList> RevocationList::fromDer(QByteArrayView der)
{
    const auto* begin = reinterpret_cast<const unsigned char*>(der.data());
    const unsigned char* p = begin;
    X509_CRL* crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size()));
    if (!crl)
        return Error(QStringLiteral("not a DER CRL: %1").arg(detail::takeOpenSslError()));
    RevocationList out;
    out.m_crl = std::shared_ptr<X509_CRL>(crl, X509_CRL_free);
    if (p != begin + der.size())
        return Error(QStringLiteral("DER CRL has %1 trailing bytes").arg(der.size() - (p - begin)));
    return out;
}

RevocationList RevocationList::fromNative(X509_CRL* crl)
{
    RevocationList out;
    if (crl && X509_CRL_up_ref(crl) == 1)
        out.m_crl = std::shared_ptr<X509_CRL>(crl, X509_CRL_free);
    return out;
}

QString RevocationList::issuer() const
{
    return m_crl ? detail::nameToString(X509_CRL_get_issuer(m_crl.get())) : QString();
}

QDateTime RevocationList::lastUpdate() const
{
    return m_crl ? detail::asn1TimeToDateTime(X509_CRL_get0_lastUpdate(m_crl.get())) : QDateTime();
}

QDateTime RevocationList::nextUpdate() const
{
    return m_crl ? detail::asn1TimeToDateTime(X509_CRL_get0_nextUpdate(m_crl.get())) : QDateTime();
}

bool RevocationList::isRevoked(const Certificate& cert) const
{
    if (!m_crl || cert.isNull())
        return false;
    X509_REVOKED* entry = nullptr;
    return X509_CRL_get0_by_serial(m_crl.get(), &entry, X509_get0_serialNumber(cert.native())) == 1;
}

QString RevocationList::unsupportedReason() const
{
    if (!m_crl)
        return QStringLiteral("no CRL");
    if (X509_CRL_get_ext_by_NID(m_crl.get(), NID_delta_crl, -1) >= 0)
        return QStringLiteral("it is a delta CRL (deltaCRLIndicator): it only lists changes since a base CRL, and "
                              "CapAudit applies complete CRLs only");
    int critical = 0;
    auto* idp = static_cast<ISSUING_DIST_POINT*>(
        X509_CRL_get_ext_d2i(m_crl.get(), NID_issuing_distribution_point, &critical, nullptr));
    if (!idp && critical == -2)
        return QStringLiteral("it has more than one issuingDistributionPoint extension");
    if (!idp && critical >= 0)
        return QStringLiteral("its issuingDistributionPoint extension cannot be decoded");
    QString reason;
    if (idp && idp->indirectCRL)
        reason = QStringLiteral("it is an indirect CRL (issuingDistributionPoint indirectCRL): it lists certificates "
                                "of other issuers, which CapAudit does not apply");
    else if (idp && idp->onlysomereasons)
        reason = QStringLiteral("it covers only some revocation reasons (issuingDistributionPoint "
                                "onlySomeReasons), so it cannot show that a certificate is not revoked");
    else if (idp && idp->onlyattr > 0)
        reason = QStringLiteral("it covers attribute certificates only (issuingDistributionPoint "
                                "onlyContainsAttributeCerts)");
    ISSUING_DIST_POINT_free(idp);
    return reason;
}

QByteArray RevocationList::toDer() const
{
    if (!m_crl)
        return {};
    unsigned char* der = nullptr;
    const int length = i2d_X509_CRL(m_crl.get(), &der);
    if (length <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return out;
}

QByteArray RevocationList::toPem() const
{
    if (!m_crl)
        return {};
    detail::BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509_CRL(bio.get(), m_crl.get());
    return detail::bioContents(bio.get());
}

} // namespace capaudit::crypto

// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/certificate.h"

#include "crypto/digest.h"
#include "crypto/opensslutil.h"

#include <QHash>
#include <QMutex>

#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace capaudit::crypto {

namespace {

using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, detail::Deleter<GENERAL_NAMES_free>>;
using Asn1TypePtr = std::unique_ptr<ASN1_TYPE, detail::Deleter<ASN1_TYPE_free>>;
using ObjectPtr = std::unique_ptr<ASN1_OBJECT, detail::Deleter<ASN1_OBJECT_free>>;

constexpr QByteArrayView pemBegin("-----BEGIN CERTIFICATE-----");
constexpr QByteArrayView pemEnd("-----END CERTIFICATE-----");

Certificate adopt(X509* cert)
{
    Certificate out = Certificate::fromNative(cert);
    X509_free(cert); // fromNative took its own reference
    return out;
}

bool isStringType(int type)
{
    switch (type) {
    case V_ASN1_UTF8STRING:
    case V_ASN1_PRINTABLESTRING:
    case V_ASN1_IA5STRING:
    case V_ASN1_VISIBLESTRING:
    case V_ASN1_BMPSTRING:
    case V_ASN1_UNIVERSALSTRING:
    case V_ASN1_T61STRING:
        return true;
    default:
        return false;
    }
}

} // namespace

Result<Certificate> Certificate::fromPem(QByteArrayView pem)
{
    // OpenSSL 3.0 decodes a certificate's key through its provider decoders, about 0.2 ms a certificate; a process
    // reads the same few texts again and again (a case's trust anchors for every bundle, the same signer chain in
    // every bundle of a provider). The same bytes always give the same certificate, which is immutable once parsed,
    // so parsed ones are kept by their exact text; failures are not kept.
    // Never destroyed: freeing certificates after OpenSSL's own exit handler has run would be a use after free.
    static QMutex mutex;
    static auto* parsed = new QHash<QByteArray, Certificate>;
    constexpr qsizetype kMaxKept = 64;
    const QByteArray key = pem.toByteArray();
    {
        QMutexLocker lock(&mutex);
        if (const auto it = parsed->constFind(key); it != parsed->constEnd())
            return *it;
    }
    auto bio = detail::memoryBio(pem);
    X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    if (!cert)
        return Error(QStringLiteral("no readable PEM certificate: %1").arg(detail::takeOpenSslError()));
    Certificate out = adopt(cert);
    QMutexLocker lock(&mutex);
    if (parsed->size() >= kMaxKept)
        parsed->clear(); // a bound for hostile input full of distinct certificates; the usual few are back at once
    parsed->insert(key, out);
    return out;
}

Result<Certificate> Certificate::fromDer(QByteArrayView der)
{
    const auto* begin = reinterpret_cast<const unsigned char*>(der.data());
    const unsigned char* p = begin;
    X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (!cert)
        return Error(QStringLiteral("not a DER X.509 certificate: %1").arg(detail::takeOpenSslError()));
    Certificate out = adopt(cert);
    if (p != begin + der.size())
        return Error(QStringLiteral("DER certificate has %1 trailing bytes").arg(der.size() - (p - begin)));
    return out;
}

Result<QList<Certificate>> Certificate::listFromPem(QByteArrayView pem)
{
    // Blocks are located by hand so that a broken one can be reported by position instead of being mistaken for
    // the end of the file.
    QList<Certificate> out;
    qsizetype from = 0;
    for (;;) {
        const qsizetype begin = pem.indexOf(pemBegin, from);
        if (begin < 0)
            break;
        const qsizetype end = pem.indexOf(pemEnd, begin);
        if (end < 0)
            return Error(QStringLiteral("certificate %1 has no END CERTIFICATE line").arg(out.size() + 1));
        from = end + pemEnd.size();
        auto cert = fromPem(pem.sliced(begin, from - begin));
        if (!cert)
            return Error(
                QStringLiteral("certificate %1 cannot be decoded: %2").arg(out.size() + 1).arg(cert.error().reason));
        out.append(*cert);
    }
    if (out.isEmpty())
        return Error(QStringLiteral("no PEM certificate found (expected -----BEGIN CERTIFICATE-----)"));
    return out;
}

Certificate Certificate::fromNative(X509* cert)
{
    Certificate out;
    if (cert && X509_up_ref(cert) == 1)
        out.m_cert = std::shared_ptr<X509>(cert, X509_free);
    return out;
}

QString Certificate::subject() const
{
    return m_cert ? detail::nameToString(X509_get_subject_name(m_cert.get())) : QString();
}

QString Certificate::issuer() const
{
    return m_cert ? detail::nameToString(X509_get_issuer_name(m_cert.get())) : QString();
}

QString Certificate::commonName() const
{
    if (!m_cert)
        return {};
    const X509_NAME* name = X509_get_subject_name(m_cert.get());
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0)
        return {};
    return detail::asn1StringToText(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
}

QString Certificate::serialHex() const
{
    return m_cert ? detail::integerToHex(X509_get0_serialNumber(m_cert.get())) : QString();
}

QDateTime Certificate::notBefore() const
{
    return m_cert ? detail::asn1TimeToDateTime(X509_get0_notBefore(m_cert.get())) : QDateTime();
}

QDateTime Certificate::notAfter() const
{
    return m_cert ? detail::asn1TimeToDateTime(X509_get0_notAfter(m_cert.get())) : QDateTime();
}

bool Certificate::isCa() const
{
    return m_cert && (X509_get_extension_flags(m_cert.get()) & EXFLAG_CA);
}

bool Certificate::hasCaBasicConstraint() const
{
    if (!m_cert)
        return false;
    BASIC_CONSTRAINTS* bc =
        static_cast<BASIC_CONSTRAINTS*>(X509_get_ext_d2i(m_cert.get(), NID_basic_constraints, nullptr, nullptr));
    const bool ca = bc && bc->ca;
    BASIC_CONSTRAINTS_free(bc);
    return ca;
}

CertificateKind Certificate::kind() const
{
    // The basicConstraints extension, not OpenSSL's EXFLAG_CA, decides: a v1 certificate or one that only has
    // keyCertSign in its key usage is no CA for a trust store.
    if (!hasCaBasicConstraint())
        return CertificateKind::Leaf;
    return isSelfIssued() && isSignedBy(publicKey()) ? CertificateKind::Root : CertificateKind::Intermediate;
}

bool Certificate::allowsCodeSigning() const
{
    if (!m_cert)
        return false;
    if (!(X509_get_extension_flags(m_cert.get()) & EXFLAG_XKUSAGE))
        return true;
    return X509_get_extended_key_usage(m_cert.get()) & (XKU_CODE_SIGN | XKU_ANYEKU);
}

bool Certificate::isSelfIssued() const
{
    return m_cert && X509_NAME_cmp(X509_get_subject_name(m_cert.get()), X509_get_issuer_name(m_cert.get())) == 0;
}

bool Certificate::allowsDigitalSignature() const
{
    if (!m_cert)
        return false;
    if (!(X509_get_extension_flags(m_cert.get()) & EXFLAG_KUSAGE))
        return true;
    return X509_get_key_usage(m_cert.get()) & KU_DIGITAL_SIGNATURE;
}

namespace {

QStringList alternativeNames(X509* cert, bool withDns)
{
    QStringList out;
    if (!cert)
        return out;
    GeneralNamesPtr names(static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
    if (!names)
        return out;
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
        int type = 0;
        const auto* value = static_cast<const ASN1_STRING*>(GENERAL_NAME_get0_value(name, &type));
        if (type == GEN_URI || type == GEN_EMAIL || (withDns && type == GEN_DNS))
            out.append(detail::asn1StringToText(value));
    }
    return out;
}

} // namespace

QStringList Certificate::subjectAlternativeNames() const
{
    return alternativeNames(m_cert.get(), true);
}

QStringList Certificate::identityNames() const
{
    return alternativeNames(m_cert.get(), false);
}

QByteArray Certificate::extensionValue(const char* oid) const
{
    if (!m_cert || !oid)
        return {};
    ObjectPtr object(OBJ_txt2obj(oid, 1));
    if (!object) {
        ERR_clear_error();
        return {};
    }
    const int index = X509_get_ext_by_OBJ(m_cert.get(), object.get(), -1);
    if (index < 0)
        return {};
    const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(X509_get_ext(m_cert.get(), index));
    const auto* begin = ASN1_STRING_get0_data(data);
    const int length = ASN1_STRING_length(data);
    // Fulcio's v1 extensions hold the raw text, v2 ones a DER string; both come back as the text. Anything else
    // (or text that merely looks like DER but does not parse completely) is returned as the raw octets.
    const unsigned char* p = begin;
    Asn1TypePtr parsed(d2i_ASN1_TYPE(nullptr, &p, length));
    if (parsed && p == begin + length && isStringType(ASN1_TYPE_get(parsed.get())))
        return detail::asn1StringToText(parsed->value.asn1_string).toUtf8();
    ERR_clear_error();
    return QByteArray(reinterpret_cast<const char*>(begin), length);
}

PublicKey Certificate::publicKey() const
{
    return m_cert ? PublicKey::fromNative(X509_get0_pubkey(m_cert.get())) : PublicKey();
}

QByteArray Certificate::toDer() const
{
    if (!m_cert)
        return {};
    unsigned char* der = nullptr;
    const int length = i2d_X509(m_cert.get(), &der);
    if (length <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return out;
}

QByteArray Certificate::toPem() const
{
    if (!m_cert)
        return {};
    detail::BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), m_cert.get());
    return detail::bioContents(bio.get());
}

bool Certificate::isSignedBy(const PublicKey& issuerKey) const
{
    if (!m_cert || issuerKey.isNull())
        return false;
    return X509_verify(m_cert.get(), issuerKey.native()) == 1;
}

QByteArray Certificate::subjectKeyId() const
{
    if (!m_cert)
        return {};
    const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(m_cert.get());
    return ski ? QByteArray(reinterpret_cast<const char*>(ASN1_STRING_get0_data(ski)), ASN1_STRING_length(ski))
               : QByteArray();
}

QByteArray Certificate::authorityKeyId() const
{
    if (!m_cert)
        return {};
    const ASN1_OCTET_STRING* aki = X509_get0_authority_key_id(m_cert.get());
    return aki ? QByteArray(reinterpret_cast<const char*>(ASN1_STRING_get0_data(aki)), ASN1_STRING_length(aki))
               : QByteArray();
}

QString Certificate::fingerprint() const
{
    return m_cert ? sha256Hex(toDer()) : QString();
}

bool Certificate::operator==(const Certificate& other) const
{
    if (!m_cert || !other.m_cert)
        return !m_cert && !other.m_cert;
    return X509_cmp(m_cert.get(), other.m_cert.get()) == 0;
}

} // namespace capaudit::crypto

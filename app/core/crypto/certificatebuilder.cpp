// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/certificatebuilder.h"

#include "crypto/opensslutil.h"

#include <openssl/rand.h>
#include <openssl/x509v3.h>

namespace capaudit::crypto {

namespace {

using ExtensionPtr = std::unique_ptr<X509_EXTENSION, detail::Deleter<X509_EXTENSION_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, detail::Deleter<GENERAL_NAMES_free>>;

const EVP_MD* signatureDigest(const PrivateKey& key)
{
    switch (key.type()) {
    case KeyType::Ed25519:
        return nullptr; // EdDSA hashes internally
    case KeyType::EcP384:
        return EVP_sha384();
    case KeyType::EcP521:
        return EVP_sha512();
    default:
        return EVP_sha256();
    }
}

Error sslError(const QString& what)
{
    return Error(QStringLiteral("%1: %2").arg(what, detail::takeOpenSslError()));
}

bool addNameEntry(X509_NAME* name, const char* field, const QString& value)
{
    if (value.isEmpty())
        return true;
    const QByteArray utf8 = value.toUtf8();
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(utf8.data()),
               static_cast<int>(utf8.size()), -1, 0)
        == 1;
}

// Extensions from OpenSSL's configuration syntax ("critical,CA:TRUE"): the library then handles the encoding and
// the SKI/AKI derivation from the keys in CTX.
bool addConfExtension(X509* cert, X509V3_CTX* ctx, int nid, const QByteArray& value)
{
    ExtensionPtr ext(X509V3_EXT_nconf_nid(nullptr, ctx, nid, value.constData()));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

bool addAltNames(X509* cert, const CertificateRequest& request)
{
    if (request.uris.isEmpty() && request.emails.isEmpty())
        return true;
    // Built entry by entry: the configuration syntax would split URIs at commas.
    GeneralNamesPtr names(GENERAL_NAMES_new());
    auto add = [&](int type, const QString& text) {
        const QByteArray utf8 = text.toUtf8();
        ASN1_IA5STRING* value = ASN1_IA5STRING_new();
        GENERAL_NAME* name = GENERAL_NAME_new();
        if (!value || !name || ASN1_STRING_set(value, utf8.constData(), static_cast<int>(utf8.size())) != 1) {
            ASN1_IA5STRING_free(value);
            GENERAL_NAME_free(name);
            return false;
        }
        GENERAL_NAME_set0_value(name, type, value);
        if (sk_GENERAL_NAME_push(names.get(), name) <= 0) {
            GENERAL_NAME_free(name);
            return false;
        }
        return true;
    };
    for (const QString& uri : request.uris) {
        if (!add(GEN_URI, uri))
            return false;
    }
    for (const QString& email : request.emails) {
        if (!add(GEN_EMAIL, email))
            return false;
    }
    // Critical only when the subject is empty (RFC 5280 4.2.1.6).
    const int critical = request.commonName.isEmpty() && request.organization.isEmpty() ? 1 : 0;
    return X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), critical, X509V3_ADD_DEFAULT) == 1;
}

bool addRawExtensions(X509* cert, const CertificateRequest& request)
{
    for (const auto& [oid, der] : request.rawExtensions) {
        ASN1_OBJECT* object = OBJ_txt2obj(oid.constData(), 1);
        ASN1_OCTET_STRING* value = ASN1_OCTET_STRING_new();
        X509_EXTENSION* ext = nullptr;
        if (object && value
            && ASN1_OCTET_STRING_set(
                   value, reinterpret_cast<const unsigned char*>(der.constData()), static_cast<int>(der.size()))
                == 1)
            ext = X509_EXTENSION_create_by_OBJ(nullptr, object, 0, value);
        const bool added = ext && X509_add_ext(cert, ext, -1) == 1;
        X509_EXTENSION_free(ext);
        ASN1_OCTET_STRING_free(value);
        ASN1_OBJECT_free(object);
        if (!added)
            return false;
    }
    return true;
}

QByteArray keyUsageValue(const CertificateRequest& request)
{
    QByteArrayList usages;
    if (request.digitalSignature)
        usages << "digitalSignature";
    if (request.keyCertSign)
        usages << "keyCertSign"
               << "cRLSign";
    // keyUsage may not be empty (RFC 5280 4.2.1.3); a request for neither (negative tests) gets contentCommitment.
    if (usages.isEmpty())
        usages << "nonRepudiation";
    return "critical," + usages.join(',');
}

detail::Asn1IntegerPtr serialNumber(quint64 serial)
{
    if (serial == 0) {
        // 63 random bits: positive, non-zero and well inside the 20-octet limit of RFC 5280 4.1.2.2.
        unsigned char bytes[8];
        do {
            if (RAND_bytes(bytes, sizeof bytes) != 1)
                return nullptr;
            bytes[0] &= 0x7f;
            serial = 0;
            for (unsigned char byte : bytes)
                serial = (serial << 8) | byte;
        } while (serial == 0);
    }
    detail::Asn1IntegerPtr out(ASN1_INTEGER_new());
    if (!out || ASN1_INTEGER_set_uint64(out.get(), serial) != 1)
        return nullptr;
    return out;
}

} // namespace

Result<Certificate> issueCertificate(const CertificateRequest& request, const PublicKey& subjectKey,
    const PrivateKey& issuerKey, const Certificate& issuer)
{
    if (subjectKey.isNull() || issuerKey.isNull())
        return Error(QStringLiteral("issuing a certificate needs a subject public key and an issuer private key"));
    if (issuer.isNull() ? !(issuerKey.publicKey() == subjectKey) : !(issuerKey.publicKey() == issuer.publicKey()))
        return Error(issuer.isNull()
                ? QStringLiteral("a self-signed certificate must be signed with the subject's own key")
                : QStringLiteral("the issuer key does not belong to issuer '%1'").arg(issuer.subject()));

    const QDateTime notBefore =
        request.notBefore.isValid() ? request.notBefore.toUTC() : QDateTime::currentDateTimeUtc();
    const QDateTime notAfter = request.notAfter.isValid() ? request.notAfter.toUTC() : notBefore.addYears(1);
    if (notAfter < notBefore)
        return Error(QStringLiteral("notAfter %1 is before notBefore %2")
                         .arg(notAfter.toString(Qt::ISODate), notBefore.toString(Qt::ISODate)));

    detail::X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1)
        return sslError(QStringLiteral("cannot create a certificate"));
    auto serial = serialNumber(request.serial);
    if (!serial || X509_set_serialNumber(cert.get(), serial.get()) != 1)
        return sslError(QStringLiteral("cannot set the serial number"));

    X509_NAME* subject = X509_get_subject_name(cert.get());
    if (!addNameEntry(subject, "C", request.country) || !addNameEntry(subject, "O", request.organization)
        || !addNameEntry(subject, "CN", request.commonName))
        return sslError(QStringLiteral("cannot build the subject name '%1'").arg(request.commonName));
    const X509_NAME* issuerName = issuer.isNull() ? subject : X509_get_subject_name(issuer.native());
    if (X509_set_issuer_name(cert.get(), issuerName) != 1)
        return sslError(QStringLiteral("cannot set the issuer name"));

    auto before = detail::dateTimeToAsn1(notBefore);
    auto after = detail::dateTimeToAsn1(notAfter);
    if (!before || !after || X509_set1_notBefore(cert.get(), before.get()) != 1
        || X509_set1_notAfter(cert.get(), after.get()) != 1)
        return sslError(QStringLiteral("cannot set the validity period"));
    if (X509_set_pubkey(cert.get(), subjectKey.native()) != 1)
        return sslError(QStringLiteral("cannot set the subject key"));

    // For a self-signed certificate the certificate is its own issuer: the SKI must exist before the AKI copies it.
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer.isNull() ? cert.get() : issuer.native(), cert.get(), nullptr, nullptr, 0);
    QByteArray basicConstraints = request.isCa ? QByteArray("critical,CA:TRUE") : QByteArray("critical,CA:FALSE");
    if (request.isCa && request.pathLength >= 0)
        basicConstraints += ",pathlen:" + QByteArray::number(request.pathLength);
    if (!addConfExtension(cert.get(), &ctx, NID_basic_constraints, basicConstraints)
        || !addConfExtension(cert.get(), &ctx, NID_key_usage, keyUsageValue(request))
        || !addConfExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash")
        || !addConfExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always")
        || !addAltNames(cert.get(), request) || !addRawExtensions(cert.get(), request)
        || (!request.extendedKeyUsage.isEmpty()
            && !addConfExtension(cert.get(), &ctx, NID_ext_key_usage, request.extendedKeyUsage)))
        return sslError(QStringLiteral("cannot add the X.509v3 extensions"));

    if (X509_sign(cert.get(), issuerKey.native(), signatureDigest(issuerKey)) <= 0)
        return sslError(QStringLiteral("cannot sign the certificate"));
    return Certificate::fromNative(cert.get());
}

Result<RevocationList> issueRevocationList(const Certificate& issuer, const PrivateKey& issuerKey,
    const QList<RevokedEntry>& revoked, const QDateTime& lastUpdate, const QDateTime& nextUpdate,
    const RevocationListExtras& extras)
{
    if (issuer.isNull() || issuerKey.isNull())
        return Error(QStringLiteral("issuing a CRL needs the issuer certificate and its private key"));
    if (!(issuerKey.publicKey() == issuer.publicKey()))
        return Error(QStringLiteral("the key does not belong to CRL issuer '%1'").arg(issuer.subject()));
    if (!lastUpdate.isValid() || !nextUpdate.isValid() || nextUpdate < lastUpdate)
        return Error(QStringLiteral("a CRL needs a lastUpdate and a later nextUpdate"));

    detail::CrlPtr crl(X509_CRL_new());
    if (!crl || X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2) != 1
        || X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(issuer.native())) != 1)
        return sslError(QStringLiteral("cannot create a CRL"));
    auto last = detail::dateTimeToAsn1(lastUpdate);
    auto next = detail::dateTimeToAsn1(nextUpdate);
    if (!last || !next || X509_CRL_set1_lastUpdate(crl.get(), last.get()) != 1
        || X509_CRL_set1_nextUpdate(crl.get(), next.get()) != 1)
        return sslError(QStringLiteral("cannot set the CRL dates"));

    for (const RevokedEntry& entry : revoked) {
        BIGNUM* bn = nullptr;
        const QByteArray hex = entry.serialHex.toLatin1();
        if (hex.isEmpty() || BN_hex2bn(&bn, hex.constData()) != hex.size()) {
            BN_free(bn);
            ERR_clear_error();
            return Error(QStringLiteral("revoked serial '%1' is not hexadecimal").arg(entry.serialHex));
        }
        detail::BnPtr serialBn(bn);
        detail::Asn1IntegerPtr serial(BN_to_ASN1_INTEGER(serialBn.get(), nullptr));
        auto when = detail::dateTimeToAsn1(entry.revokedAt.isValid() ? entry.revokedAt : lastUpdate);
        X509_REVOKED* item = X509_REVOKED_new();
        if (!serial || !when || !item || X509_REVOKED_set_serialNumber(item, serial.get()) != 1
            || X509_REVOKED_set_revocationDate(item, when.get()) != 1 || X509_CRL_add0_revoked(crl.get(), item) != 1) {
            X509_REVOKED_free(item);
            return sslError(QStringLiteral("cannot list revoked serial %1").arg(entry.serialHex));
        }
    }
    X509_CRL_sort(crl.get());

    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer.native(), nullptr, nullptr, crl.get(), 0);
    ExtensionPtr aki(X509V3_EXT_nconf_nid(nullptr, &ctx, NID_authority_key_identifier, "keyid:always"));
    // The CRL number only has to grow between CRLs of one issuer; the lastUpdate second does.
    detail::Asn1IntegerPtr number(ASN1_INTEGER_new());
    if (!aki || X509_CRL_add_ext(crl.get(), aki.get(), -1) != 1 || !number
        || ASN1_INTEGER_set_int64(number.get(), lastUpdate.toSecsSinceEpoch()) != 1
        || X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, number.get(), 0, X509V3_ADD_DEFAULT) != 1)
        return sslError(QStringLiteral("cannot add the CRL extensions"));
    const auto addExtra = [&](int nid, const QByteArray& value) {
        if (value.isEmpty())
            return true;
        ExtensionPtr ext(X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value.constData()));
        return ext && X509_CRL_add_ext(crl.get(), ext.get(), -1) == 1;
    };
    if (extras.deltaBaseCrlNumber >= 0) {
        // No configuration syntax exists for deltaCRLIndicator: encode the INTEGER directly.
        detail::Asn1IntegerPtr base(ASN1_INTEGER_new());
        if (!base || ASN1_INTEGER_set_int64(base.get(), extras.deltaBaseCrlNumber) != 1
            || X509_CRL_add1_ext_i2d(crl.get(), NID_delta_crl, base.get(), 1, X509V3_ADD_DEFAULT) != 1)
            return sslError(QStringLiteral("cannot add the deltaCRLIndicator"));
    }
    if (!addExtra(NID_issuing_distribution_point, extras.issuingDistributionPoint))
        return sslError(QStringLiteral("cannot add the extra CRL extensions"));

    if (X509_CRL_sign(crl.get(), issuerKey.native(), signatureDigest(issuerKey)) <= 0)
        return sslError(QStringLiteral("cannot sign the CRL"));
    return RevocationList::fromNative(crl.get());
}

QByteArray toPem(const RevocationList& crl)
{
    return crl.toPem();
}

} // namespace capaudit::crypto

// SPDX-License-Identifier: GPL-3.0-or-later
#include "sigstore/fulcio.h"

#include "crypto/digest.h"
#include "crypto/signature.h"
#include "util/timeutil.h"

#include <openssl/ct.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace capaudit::sigstore {

namespace {

QByteArray extensionBytes(const crypto::Certificate& cert, const char* oid)
{
    if (cert.isNull())
        return {};
    ASN1_OBJECT* object = OBJ_txt2obj(oid, 1);
    if (!object)
        return {};
    const int index = X509_get_ext_by_OBJ(cert.native(), object, -1);
    ASN1_OBJECT_free(object);
    if (index < 0)
        return {};
    const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(X509_get_ext(cert.native(), index));
    return QByteArray(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)), ASN1_STRING_length(data));
}

struct SctListFree {
    void operator()(STACK_OF(SCT) * list) const
    {
        SCT_LIST_free(list);
    }
};

void appendUint(QByteArray& out, quint64 value, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i)
        out.append(char((value >> (8 * i)) & 0xFF));
}

// TBSCertificate of LEAF with the SCT list extension removed: what the CT log signed as the precertificate.
QByteArray precertificateTbs(const crypto::Certificate& leaf)
{
    X509* copy = X509_dup(leaf.native());
    if (!copy)
        return {};
    const int index = X509_get_ext_by_NID(copy, NID_ct_precert_scts, -1);
    if (index >= 0)
        X509_EXTENSION_free(X509_delete_ext(copy, index));
    unsigned char* der = nullptr;
    const int length = i2d_re_X509_tbs(copy, &der);
    QByteArray tbs;
    if (length > 0)
        tbs = QByteArray(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    X509_free(copy);
    return tbs;
}

QByteArray issuerKeyHash(const crypto::Certificate& issuer)
{
    unsigned char* der = nullptr;
    const int length = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(issuer.native()), &der);
    QByteArray spki;
    if (length > 0)
        spki = QByteArray(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return crypto::sha256(spki);
}

} // namespace

QString fulcioIssuer(const crypto::Certificate& cert)
{
    const QByteArray v2 = extensionBytes(cert, kFulcioIssuerV2Oid);
    if (!v2.isEmpty()) {
        const auto* p = reinterpret_cast<const unsigned char*>(v2.constData());
        ASN1_UTF8STRING* text = d2i_ASN1_UTF8STRING(nullptr, &p, long(v2.size()));
        if (!text)
            return {};
        const QString issuer =
            QString::fromUtf8(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)), ASN1_STRING_length(text));
        ASN1_UTF8STRING_free(text);
        return issuer;
    }
    return QString::fromUtf8(extensionBytes(cert, kFulcioIssuerV1Oid));
}

SctVerification verifyEmbeddedScts(
    const crypto::Certificate& leaf, const crypto::Certificate& issuer, const QList<LogKey>& ctlogs)
{
    SctVerification result;
    if (leaf.isNull() || issuer.isNull()) {
        result.reason = QStringLiteral("leaf or issuing certificate missing");
        return result;
    }
    std::unique_ptr<STACK_OF(SCT), SctListFree> scts(
        static_cast<STACK_OF(SCT)*>(X509_get_ext_d2i(leaf.native(), NID_ct_precert_scts, nullptr, nullptr)));
    if (!scts || sk_SCT_num(scts.get()) == 0) {
        result.reason = QStringLiteral("the certificate has no embedded SCT");
        return result;
    }
    const QByteArray tbs = precertificateTbs(leaf);
    const QByteArray keyHash = issuerKeyHash(issuer);
    QStringList problems;
    for (int i = 0; i < sk_SCT_num(scts.get()); ++i) {
        const SCT* sct = sk_SCT_value(scts.get(), i);
        unsigned char* raw = nullptr;
        const size_t idLength = SCT_get0_log_id(sct, &raw);
        const QByteArray logId(reinterpret_cast<const char*>(raw), qsizetype(idLength));
        const LogKey* log = nullptr;
        for (const LogKey& candidate : ctlogs) {
            if (candidate.logId == logId)
                log = &candidate;
        }
        if (!log || log->key.isNull()) {
            problems.append(
                QStringLiteral("SCT %1 is from CT log %2, which the trusted root does not list with a usable key")
                    .arg(i)
                    .arg(QString::fromLatin1(logId.toBase64())));
            continue;
        }
        if (SCT_get_version(sct) != SCT_VERSION_V1) {
            problems.append(QStringLiteral("SCT %1 has an unsupported version").arg(i));
            continue;
        }
        const quint64 timestamp = SCT_get_timestamp(sct);
        const QDateTime sctTime = QDateTime::fromMSecsSinceEpoch(qint64(timestamp), Qt::UTC);
        if (!log->validity.contains(sctTime)) {
            problems.append(QStringLiteral("SCT %1 time %2 is outside the validity %3 of CT log %4")
                                .arg(i)
                                .arg(formatTimestamp(sctTime), log->validity.toString(), log->baseUrl));
            continue;
        }
        const size_t extLength = SCT_get0_extensions(sct, &raw);
        const QByteArray extensions(reinterpret_cast<const char*>(raw), qsizetype(extLength));
        const size_t sigLength = SCT_get0_signature(sct, &raw);
        const QByteArray signature(reinterpret_cast<const char*>(raw), qsizetype(sigLength));

        // RFC 6962 section 3.2 digitally-signed struct for a precert_entry.
        QByteArray signedData;
        appendUint(signedData, 0, 1); // sct_version v1
        appendUint(signedData, 0, 1); // signature_type certificate_timestamp
        appendUint(signedData, timestamp, 8);
        appendUint(signedData, 1, 2); // entry_type precert_entry
        signedData += keyHash;
        appendUint(signedData, quint64(tbs.size()), 3);
        signedData += tbs;
        appendUint(signedData, quint64(extensions.size()), 2);
        signedData += extensions;

        crypto::SignatureParams params;
        params.hash = crypto::HashAlgorithm::Sha256;
        params.ecdsaEncoding = crypto::EcdsaEncoding::Der;
        params.rsaPadding = crypto::RsaPadding::Pkcs1v15;
        const crypto::SignatureResult check = crypto::verifySignature(log->key, signedData, signature, params);
        if (!check.ok()) {
            problems.append(
                QStringLiteral("SCT %1 from %2 does not verify: %3").arg(i).arg(log->baseUrl, check.reason));
            continue;
        }
        ++result.verified;
    }
    result.ok = result.verified > 0;
    result.reason =
        result.ok ? QStringLiteral("%1 SCT(s) verified").arg(result.verified) : problems.join(QStringLiteral("; "));
    return result;
}

} // namespace capaudit::sigstore

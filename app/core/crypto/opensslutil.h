// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/digest.h"

// Internal helpers shared by the crypto sources; not part of the public API.

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>

namespace capaudit::crypto::detail {

// OpenSSL 3 fetch name of ALGORITHM ("SHA2-256"); defined in digest.cpp.
const char* mdName(HashAlgorithm algorithm);

template <auto Fn> struct Deleter {
    template <typename T> void operator()(T* p) const
    {
        Fn(p);
    }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using CrlPtr = std::unique_ptr<X509_CRL, Deleter<X509_CRL_free>>;
using Asn1TimePtr = std::unique_ptr<ASN1_TIME, Deleter<ASN1_TIME_free>>;
using Asn1IntegerPtr = std::unique_ptr<ASN1_INTEGER, Deleter<ASN1_INTEGER_free>>;

inline BioPtr memoryBio(QByteArrayView data)
{
    return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

inline QByteArray bioContents(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &data);
    return size > 0 && data ? QByteArray(data, static_cast<qsizetype>(size)) : QByteArray();
}

// The most recent OpenSSL error as text (and the queue emptied), so that a failure does not leak into the next
// unrelated call on this thread.
inline QString takeOpenSslError()
{
    const unsigned long code = ERR_peek_last_error();
    QString text;
    if (code != 0) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        text = QString::fromLatin1(buffer);
    }
    ERR_clear_error();
    return text.isEmpty() ? QStringLiteral("unknown OpenSSL error") : text;
}

inline QDateTime asn1TimeToDateTime(const ASN1_TIME* time)
{
    struct tm tm { };
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1)
        return {};
    return QDateTime(
        QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), Qt::UTC);
}

inline Asn1TimePtr dateTimeToAsn1(const QDateTime& when)
{
    return Asn1TimePtr(ASN1_TIME_set(nullptr, static_cast<time_t>(when.toSecsSinceEpoch())));
}

// RFC 2253 with UTF-8 kept as is: the stock XN_FLAG_RFC2253 escapes every non-ASCII byte as \XX, which would show
// "M\C3\BCller" to the auditor instead of "Müller".
inline QString nameToString(const X509_NAME* name)
{
    if (!name)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    return QString::fromUtf8(bioContents(bio.get()));
}

inline QString asn1StringToText(const ASN1_STRING* value)
{
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, value);
    if (length < 0)
        return {};
    QString text = QString::fromUtf8(reinterpret_cast<const char*>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}

inline QString integerToHex(const ASN1_INTEGER* value)
{
    BnPtr bn(ASN1_INTEGER_to_BN(value, nullptr));
    if (!bn)
        return {};
    char* hex = BN_bn2hex(bn.get());
    QString text = QString::fromLatin1(hex).toLower();
    OPENSSL_free(hex);
    return text;
}

} // namespace capaudit::crypto::detail

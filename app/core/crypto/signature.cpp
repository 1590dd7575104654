// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/signature.h"

#include "crypto/opensslutil.h"

#include <openssl/ec.h>
#include <openssl/rsa.h>

#include <cstring>
#include <functional>

namespace capaudit::crypto {

namespace {

using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, detail::Deleter<ECDSA_SIG_free>>;

constexpr int minimumRsaBits = 2048;

QString hashLabel(HashAlgorithm algorithm)
{
    switch (algorithm) {
    case HashAlgorithm::Sha384:
        return QStringLiteral("SHA-384");
    case HashAlgorithm::Sha512:
        return QStringLiteral("SHA-512");
    case HashAlgorithm::Sha256:
        break;
    }
    return QStringLiteral("SHA-256");
}

HashAlgorithm naturalHash(KeyType type)
{
    switch (type) {
    case KeyType::EcP384:
        return HashAlgorithm::Sha384;
    case KeyType::EcP521:
        return HashAlgorithm::Sha512;
    default:
        return HashAlgorithm::Sha256;
    }
}

SignatureResult result(SignatureOutcome outcome, QString algorithm, QString reason = {})
{
    return SignatureResult { outcome, std::move(algorithm), std::move(reason) };
}

// Strict DER: OpenSSL's d2i accepts some BER forms, so the signature must also be the exact re-encoding of what
// was parsed and nothing may follow it.
bool isStrictDerEcdsa(QByteArrayView sig)
{
    const auto* begin = reinterpret_cast<const unsigned char*>(sig.data());
    const unsigned char* p = begin;
    EcdsaSigPtr parsed(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size())));
    if (!parsed) {
        ERR_clear_error();
        return false;
    }
    if (p != begin + sig.size())
        return false;
    unsigned char* der = nullptr;
    const int length = i2d_ECDSA_SIG(parsed.get(), &der);
    const bool same = length == sig.size() && memcmp(der, begin, static_cast<size_t>(length)) == 0;
    OPENSSL_free(der);
    return same;
}

QByteArray p1363ToDer(QByteArrayView sig)
{
    const qsizetype half = sig.size() / 2;
    const auto* raw = reinterpret_cast<const unsigned char*>(sig.data());
    EcdsaSigPtr ecdsa(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(raw, static_cast<int>(half), nullptr);
    BIGNUM* s = BN_bin2bn(raw + half, static_cast<int>(half), nullptr);
    if (!ecdsa || !r || !s || ECDSA_SIG_set0(ecdsa.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        ERR_clear_error();
        return {};
    }
    unsigned char* der = nullptr;
    const int length = i2d_ECDSA_SIG(ecdsa.get(), &der);
    if (length <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return out;
}

QByteArray derToP1363(QByteArrayView der, int fieldBytes)
{
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    EcdsaSigPtr ecdsa(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
    if (!ecdsa)
        return {};
    QByteArray out(2 * fieldBytes, '\0');
    auto* raw = reinterpret_cast<unsigned char*>(out.data());
    if (BN_bn2binpad(ECDSA_SIG_get0_r(ecdsa.get()), raw, fieldBytes) != fieldBytes
        || BN_bn2binpad(ECDSA_SIG_get0_s(ecdsa.get()), raw + fieldBytes, fieldBytes) != fieldBytes)
        return {};
    return out;
}

// 1 verified, 0 did not. Errors from OpenSSL are cleared: a failed verification is an outcome, not an error.
bool digestVerify(EVP_PKEY* key, const char* md, QByteArrayView message, QByteArrayView sig,
    const std::function<bool(EVP_PKEY_CTX*)>& configure = {})
{
    detail::MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    bool ok = ctx && EVP_DigestVerifyInit_ex(ctx.get(), &pctx, md, nullptr, nullptr, key, nullptr) == 1;
    if (ok && configure)
        ok = configure(pctx);
    ok = ok
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()),
               static_cast<size_t>(sig.size()), reinterpret_cast<const unsigned char*>(message.data()),
               static_cast<size_t>(message.size()))
            == 1;
    ERR_clear_error();
    return ok;
}

SignatureResult verifyEcdsa(const PublicKey& key, QByteArrayView message, QByteArrayView sig,
    const SignatureParams& params, HashAlgorithm hashAlgorithm)
{
    const int fieldBytes = (key.bits() + 7) / 8;
    const QString base = QStringLiteral("%1 / %2").arg(key.description(), hashLabel(hashAlgorithm));
    QByteArray der;
    QString encoding;
    const bool strictDer = isStrictDerEcdsa(sig);
    switch (params.ecdsaEncoding) {
    case EcdsaEncoding::Der:
        if (!strictDer)
            return result(SignatureOutcome::Malformed, base + QStringLiteral(" (DER)"),
                QStringLiteral("the %1-byte signature is not a strict DER ECDSA-Sig-Value").arg(sig.size()));
        der = sig.toByteArray();
        encoding = QStringLiteral("DER");
        break;
    case EcdsaEncoding::P1363:
        if (sig.size() != 2 * fieldBytes)
            return result(SignatureOutcome::Malformed, base + QStringLiteral(" (P1363)"),
                QStringLiteral("an IEEE P1363 r||s signature for this curve has %1 bytes, not %2")
                    .arg(2 * fieldBytes)
                    .arg(sig.size()));
        der = p1363ToDer(sig);
        encoding = QStringLiteral("P1363");
        break;
    case EcdsaEncoding::Auto:
        // A valid DER value of exactly 2*fieldBytes is possible but rare; DER wins because P1363 bytes that happen to
        // form a strict DER structure of the same length are practically impossible.
        if (strictDer) {
            der = sig.toByteArray();
            encoding = QStringLiteral("DER");
        } else if (sig.size() == 2 * fieldBytes) {
            der = p1363ToDer(sig);
            encoding = QStringLiteral("P1363");
        } else {
            return result(SignatureOutcome::Malformed, base,
                QStringLiteral("the %1-byte signature is neither strict DER nor a %2-byte IEEE P1363 r||s value")
                    .arg(sig.size())
                    .arg(2 * fieldBytes));
        }
        break;
    }
    const QString algorithm = QStringLiteral("%1 (%2)").arg(base, encoding);
    if (der.isEmpty())
        return result(SignatureOutcome::Malformed, algorithm, QStringLiteral("the signature cannot be decoded"));
    if (!digestVerify(key.native(), detail::mdName(hashAlgorithm), message, der))
        return result(SignatureOutcome::Mismatch, algorithm,
            QStringLiteral("the signature does not match the data for this key"));
    return result(SignatureOutcome::Valid, algorithm);
}

SignatureResult verifyEd25519(const PublicKey& key, QByteArrayView message, QByteArrayView sig)
{
    const QString algorithm = QStringLiteral("Ed25519");
    if (sig.size() != 64)
        return result(SignatureOutcome::Malformed, algorithm,
            QStringLiteral("an Ed25519 signature has 64 bytes, not %1").arg(sig.size()));
    if (!digestVerify(key.native(), nullptr, message, sig))
        return result(SignatureOutcome::Mismatch, algorithm,
            QStringLiteral("the signature does not match the data for this key"));
    return result(SignatureOutcome::Valid, algorithm);
}

bool verifyRsaWith(const PublicKey& key, QByteArrayView message, QByteArrayView sig, HashAlgorithm hashAlgorithm,
    RsaPadding padding, const SignatureParams& params)
{
    const char* md = detail::mdName(hashAlgorithm);
    const char* mgf1 = detail::mdName(params.mgf1Hash.value_or(hashAlgorithm));
    const int salt = params.pssSaltLength >= 0 ? params.pssSaltLength : RSA_PSS_SALTLEN_AUTO;
    return digestVerify(key.native(), md, message, sig, [&](EVP_PKEY_CTX* pctx) {
        if (padding == RsaPadding::Pkcs1v15)
            return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1;
        return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1
            && EVP_PKEY_CTX_set_rsa_mgf1_md_name(pctx, mgf1, nullptr) == 1
            && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, salt) == 1;
    });
}

SignatureResult verifyRsa(const PublicKey& key, QByteArrayView message, QByteArrayView sig,
    const SignatureParams& params, HashAlgorithm hashAlgorithm)
{
    const int modulusBytes = (key.bits() + 7) / 8;
    // Keys with the id-RSASSA-PSS OID may only be used with PSS.
    const bool pssOnly = EVP_PKEY_is_a(key.native(), "RSA-PSS");
    RsaPadding padding = pssOnly ? RsaPadding::Pss : params.rsaPadding;
    auto label = [&](RsaPadding used) {
        const QString scheme = used == RsaPadding::Pss ? QStringLiteral("RSA-PSS")
            : used == RsaPadding::Pkcs1v15             ? QStringLiteral("RSA PKCS#1 v1.5")
                                                       : QStringLiteral("RSA (PKCS#1 v1.5 or PSS)");
        return QStringLiteral("%1 %2 / %3").arg(scheme).arg(key.bits()).arg(hashLabel(hashAlgorithm));
    };
    if (sig.size() != modulusBytes)
        return result(SignatureOutcome::Malformed, label(padding),
            QStringLiteral("an RSA signature for a %1-bit key has %2 bytes, not %3")
                .arg(key.bits())
                .arg(modulusBytes)
                .arg(sig.size()));
    const QList<RsaPadding> attempts =
        padding == RsaPadding::Auto ? QList { RsaPadding::Pkcs1v15, RsaPadding::Pss } : QList { padding };
    for (const RsaPadding attempt : attempts) {
        if (verifyRsaWith(key, message, sig, hashAlgorithm, attempt, params))
            return result(SignatureOutcome::Valid, label(attempt));
    }
    return result(SignatureOutcome::Mismatch, label(padding),
        QStringLiteral("the signature does not match the data for this key"));
}

} // namespace

SignatureResult checkKeyPolicy(const PublicKey& key)
{
    if (key.isNull())
        return result(SignatureOutcome::Unsupported, {}, QStringLiteral("no public key"));
    const QString description = key.description();
    switch (key.type()) {
    case KeyType::EcP256:
    case KeyType::EcP384:
    case KeyType::EcP521:
    case KeyType::Ed25519:
        return result(SignatureOutcome::Valid, description);
    case KeyType::Rsa:
        if (key.bits() < minimumRsaBits)
            return result(SignatureOutcome::WeakAlgorithm, description,
                QStringLiteral("RSA key of %1 bits is below the %2-bit minimum").arg(key.bits()).arg(minimumRsaBits));
        return result(SignatureOutcome::Valid, description);
    case KeyType::EcOther:
        if (key.bits() < 256)
            return result(SignatureOutcome::WeakAlgorithm, description,
                QStringLiteral("elliptic curve key of %1 bits (%2) is below the P-256 minimum")
                    .arg(key.bits())
                    .arg(description));
        return result(SignatureOutcome::WeakAlgorithm, description,
            QStringLiteral("%1 is not an accepted curve: only NIST P-256, P-384 and P-521 are allowed")
                .arg(description));
    case KeyType::Other:
        break;
    }
    return result(SignatureOutcome::Unsupported, description,
        QStringLiteral("%1 keys are not supported (ECDSA P-256/P-384/P-521, Ed25519 and RSA are)").arg(description));
}

SignatureResult verifySignature(
    const PublicKey& key, QByteArrayView message, QByteArrayView signature, const SignatureParams& params)
{
    SignatureResult policy = checkKeyPolicy(key);
    if (!policy.ok())
        return policy;
    if (signature.isEmpty())
        return result(SignatureOutcome::Malformed, policy.algorithm, QStringLiteral("the signature is empty"));
    const KeyType type = key.type();
    const HashAlgorithm hashAlgorithm = params.hash.value_or(naturalHash(type));
    switch (type) {
    case KeyType::EcP256:
    case KeyType::EcP384:
    case KeyType::EcP521:
        return verifyEcdsa(key, message, signature, params, hashAlgorithm);
    case KeyType::Ed25519:
        return verifyEd25519(key, message, signature);
    case KeyType::Rsa:
        return verifyRsa(key, message, signature, params, hashAlgorithm);
    default:
        break;
    }
    return result(SignatureOutcome::Unsupported, policy.algorithm, QStringLiteral("unsupported key type"));
}

Result<QByteArray> sign(const PrivateKey& key, QByteArrayView message, const SignatureParams& params)
{
    if (key.isNull())
        return Error(QStringLiteral("no private key to sign with"));
    const KeyType type = key.type();
    const HashAlgorithm hashAlgorithm = params.hash.value_or(naturalHash(type));
    const char* md = type == KeyType::Ed25519 ? nullptr : detail::mdName(hashAlgorithm);
    detail::MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    if (!ctx || EVP_DigestSignInit_ex(ctx.get(), &pctx, md, nullptr, nullptr, key.native(), nullptr) != 1)
        return Error(QStringLiteral("cannot start signing: %1").arg(detail::takeOpenSslError()));
    if (type == KeyType::Rsa) {
        bool ok;
        if (params.rsaPadding == RsaPadding::Pkcs1v15 && !EVP_PKEY_is_a(key.native(), "RSA-PSS")) {
            ok = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1;
        } else {
            const int salt = params.pssSaltLength >= 0 ? params.pssSaltLength : RSA_PSS_SALTLEN_DIGEST;
            ok = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1
                && EVP_PKEY_CTX_set_rsa_mgf1_md_name(
                       pctx, detail::mdName(params.mgf1Hash.value_or(hashAlgorithm)), nullptr)
                    == 1
                && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, salt) == 1;
        }
        if (!ok)
            return Error(QStringLiteral("cannot set RSA padding: %1").arg(detail::takeOpenSslError()));
    }
    const auto* data = reinterpret_cast<const unsigned char*>(message.data());
    size_t length = 0;
    if (EVP_DigestSign(ctx.get(), nullptr, &length, data, static_cast<size_t>(message.size())) != 1)
        return Error(QStringLiteral("signing failed: %1").arg(detail::takeOpenSslError()));
    QByteArray out(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_DigestSign(
            ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &length, data, static_cast<size_t>(message.size()))
        != 1)
        return Error(QStringLiteral("signing failed: %1").arg(detail::takeOpenSslError()));
    out.resize(static_cast<qsizetype>(length));
    const bool ecdsa =
        type == KeyType::EcP256 || type == KeyType::EcP384 || type == KeyType::EcP521 || type == KeyType::EcOther;
    if (ecdsa && params.ecdsaEncoding == EcdsaEncoding::P1363) {
        const QByteArray raw = derToP1363(out, (EVP_PKEY_get_bits(key.native()) + 7) / 8);
        if (raw.isEmpty())
            return Error(QStringLiteral("cannot convert the ECDSA signature to IEEE P1363"));
        return raw;
    }
    return out;
}

} // namespace capaudit::crypto

// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/publickey.h"

#include "crypto/digest.h"
#include "crypto/opensslutil.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace capaudit::crypto {

namespace {

std::shared_ptr<EVP_PKEY> share(EVP_PKEY* key)
{
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

QByteArray ecGroupName(EVP_PKEY* key)
{
    char name[80] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &length) != 1) {
        ERR_clear_error();
        return {};
    }
    return QByteArray(name, static_cast<qsizetype>(length));
}

KeyType keyTypeOf(EVP_PKEY* key)
{
    if (!key)
        return KeyType::Other;
    if (EVP_PKEY_is_a(key, "ED25519"))
        return KeyType::Ed25519;
    if (EVP_PKEY_is_a(key, "RSA") || EVP_PKEY_is_a(key, "RSA-PSS"))
        return KeyType::Rsa;
    if (EVP_PKEY_is_a(key, "EC")) {
        const QByteArray group = ecGroupName(key);
        if (group == "prime256v1" || group == "P-256" || group == "secp256r1")
            return KeyType::EcP256;
        if (group == "secp384r1" || group == "P-384")
            return KeyType::EcP384;
        if (group == "secp521r1" || group == "P-521")
            return KeyType::EcP521;
        return KeyType::EcOther;
    }
    return KeyType::Other;
}

} // namespace

Result<PublicKey> PublicKey::fromPem(QByteArrayView pem)
{
    auto bio = detail::memoryBio(pem);
    if (pem.contains(QByteArrayView("-----BEGIN CERTIFICATE-----"))) {
        detail::X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
        if (!cert)
            return Error(QStringLiteral("PEM certificate cannot be decoded: %1").arg(detail::takeOpenSslError()));
        return fromNative(X509_get0_pubkey(cert.get()));
    }
    EVP_PKEY* key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    if (!key)
        return Error(QStringLiteral("not a PEM public key (SubjectPublicKeyInfo): %1").arg(detail::takeOpenSslError()));
    PublicKey out;
    out.m_key = share(key);
    return out;
}

Result<PublicKey> PublicKey::fromDer(QByteArrayView spkiDer)
{
    const auto* p = reinterpret_cast<const unsigned char*>(spkiDer.data());
    EVP_PKEY* key = d2i_PUBKEY(nullptr, &p, static_cast<long>(spkiDer.size()));
    if (!key)
        return Error(QStringLiteral("not a DER SubjectPublicKeyInfo: %1").arg(detail::takeOpenSslError()));
    PublicKey out;
    out.m_key = share(key);
    if (p != reinterpret_cast<const unsigned char*>(spkiDer.data()) + spkiDer.size())
        return Error(QStringLiteral("DER public key has %1 trailing bytes")
                         .arg(spkiDer.size() - (p - reinterpret_cast<const unsigned char*>(spkiDer.data()))));
    return out;
}

PublicKey PublicKey::fromNative(EVP_PKEY* key)
{
    PublicKey out;
    if (key && EVP_PKEY_up_ref(key) == 1)
        out.m_key = share(key);
    return out;
}

KeyType PublicKey::type() const
{
    return keyTypeOf(m_key.get());
}

int PublicKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

QString PublicKey::description() const
{
    switch (type()) {
    case KeyType::EcP256:
        return QStringLiteral("ECDSA P-256");
    case KeyType::EcP384:
        return QStringLiteral("ECDSA P-384");
    case KeyType::EcP521:
        return QStringLiteral("ECDSA P-521");
    case KeyType::EcOther: {
        const QByteArray group = ecGroupName(m_key.get());
        return QStringLiteral("ECDSA %1")
            .arg(group.isEmpty() ? QStringLiteral("(unnamed curve)") : QString::fromLatin1(group));
    }
    case KeyType::Ed25519:
        return QStringLiteral("Ed25519");
    case KeyType::Rsa:
        return QStringLiteral("RSA %1").arg(bits());
    case KeyType::Other:
        break;
    }
    if (!m_key)
        return QStringLiteral("no key");
    const char* name = EVP_PKEY_get0_type_name(m_key.get());
    return name ? QString::fromLatin1(name) : QStringLiteral("unknown key type");
}

QByteArray PublicKey::spkiDer() const
{
    if (!m_key)
        return {};
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(m_key.get(), &der);
    if (length <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return out;
}

QByteArray PublicKey::toPem() const
{
    if (!m_key)
        return {};
    detail::BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PUBKEY(bio.get(), m_key.get());
    return detail::bioContents(bio.get());
}

QString PublicKey::fingerprint() const
{
    return m_key ? sha256Hex(spkiDer()) : QString();
}

bool PublicKey::operator==(const PublicKey& other) const
{
    if (!m_key || !other.m_key)
        return !m_key && !other.m_key;
    return EVP_PKEY_eq(m_key.get(), other.m_key.get()) == 1;
}

Result<PrivateKey> PrivateKey::fromPem(QByteArrayView pem)
{
    auto bio = detail::memoryBio(pem);
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    if (!key)
        return Error(QStringLiteral("not an unencrypted PEM private key: %1").arg(detail::takeOpenSslError()));
    PrivateKey out;
    out.m_key = share(key);
    return out;
}

Result<PrivateKey> PrivateKey::generate(KeyType type, int rsaBits)
{
    EVP_PKEY* key = nullptr;
    switch (type) {
    case KeyType::EcP256:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        break;
    case KeyType::EcP384:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
        break;
    case KeyType::EcP521:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-521");
        break;
    case KeyType::Ed25519:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
        break;
    case KeyType::Rsa:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(rsaBits));
        break;
    case KeyType::EcOther:
    case KeyType::Other:
        return Error(QStringLiteral("key generation supports P-256, P-384, P-521, Ed25519 and RSA only"));
    }
    if (!key)
        return Error(QStringLiteral("key generation failed: %1").arg(detail::takeOpenSslError()));
    PrivateKey out;
    out.m_key = share(key);
    return out;
}

KeyType PrivateKey::type() const
{
    return keyTypeOf(m_key.get());
}

QByteArray PrivateKey::toPem() const
{
    if (!m_key)
        return {};
    detail::BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    return detail::bioContents(bio.get());
}

PublicKey PrivateKey::publicKey() const
{
    // Round-trip through the SPKI so that the public key object carries no private material.
    if (!m_key)
        return {};
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(m_key.get(), &der);
    if (length <= 0) {
        ERR_clear_error();
        return {};
    }
    const QByteArray spki(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    auto key = PublicKey::fromDer(spki);
    return key ? *key : PublicKey();
}

} // namespace capaudit::crypto

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

using EVP_PKEY = struct evp_pkey_st;

namespace capaudit::crypto {

enum class KeyType { EcP256, EcP384, EcP521, EcOther, Ed25519, Rsa, Other };

// A public key (SubjectPublicKeyInfo). Cheap to copy: the EVP_PKEY is shared and immutable.
class PublicKey {
public:
    PublicKey() = default;
    // PEM "PUBLIC KEY" (SPKI), or a PEM certificate (its key is taken)
    static Result<PublicKey> fromPem(QByteArrayView pem);
    static Result<PublicKey> fromDer(QByteArrayView spkiDer);
    // Takes one reference to KEY (EVP_PKEY_up_ref is called).
    static PublicKey fromNative(EVP_PKEY* key);

    bool isNull() const
    {
        return !m_key;
    }
    KeyType type() const;
    int bits() const;
    QString description() const; // "ECDSA P-256", "Ed25519", "RSA 3072"
    QByteArray spkiDer() const;
    QByteArray toPem() const;
    // Lowercase hex SHA-256 of the DER SubjectPublicKeyInfo: the fingerprint auditors compare.
    QString fingerprint() const;
    EVP_PKEY* native() const
    {
        return m_key.get();
    }

    bool operator==(const PublicKey& other) const;

private:
    std::shared_ptr<EVP_PKEY> m_key;
};

// A private key for signing bundles and generating demo PKIs.
class PrivateKey {
public:
    PrivateKey() = default;
    static Result<PrivateKey> fromPem(QByteArrayView pem); // PKCS#8 or traditional, unencrypted
    static Result<PrivateKey> generate(KeyType type, int rsaBits = 3072);

    bool isNull() const
    {
        return !m_key;
    }
    KeyType type() const;
    QByteArray toPem() const; // unencrypted PKCS#8
    PublicKey publicKey() const;
    EVP_PKEY* native() const
    {
        return m_key.get();
    }

private:
    std::shared_ptr<EVP_PKEY> m_key;
};

} // namespace capaudit::crypto

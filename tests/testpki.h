// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/certificate.h"
#include "crypto/publickey.h"
#include "util/result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace capaudit::test {

// A throwaway PKI for tests: root CA -> intermediate -> signer, all valid from 2025 to 2035.
struct TestPki {
    crypto::PrivateKey rootKey, intermediateKey, signerKey;
    crypto::Certificate root, intermediate, signer;
    QString name; // "Provider A": also the provider the trust store scopes the root to

    static TestPki create(const QString& name, crypto::KeyType type = crypto::KeyType::EcP256);
    // Another signer under the same intermediate (for certificate-swap tests).
    std::pair<crypto::PrivateKey, crypto::Certificate> issueSigner(
        const QString& commonName, const QDateTime& notBefore, const QDateTime& notAfter) const;
    // Writes ROOT (and optionally the signer's public key as a pinned key) as a trust store directory, with an
    // anchors.json giving both ROLE and the scope PROVIDERS (default: NAME only).
    void writeTrustStore(const QString& directory, bool pinSignerKey = false,
        const std::optional<QStringList>& providers = std::nullopt,
        const QString& role = QStringLiteral("provider")) const;
};

QDateTime utc(const char* rfc3339);

} // namespace capaudit::test

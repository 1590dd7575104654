// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace capaudit::crypto {

enum class HashAlgorithm { Sha256, Sha384, Sha512 };

// "sha256", "sha384", "sha512" (in-toto DigestSet keys)
QString hashName(HashAlgorithm algorithm);
// Accepts in-toto ("sha256"), Sigstore ("SHA2_256") and Wycheproof ("SHA-256") spellings.
std::optional<HashAlgorithm> hashFromName(QStringView name);
int hashSize(HashAlgorithm algorithm);

// Incremental hash over OpenSSL EVP (hardware-accelerated SHA where the CPU has it).
class Hasher {
public:
    explicit Hasher(HashAlgorithm algorithm = HashAlgorithm::Sha256);
    ~Hasher();
    Hasher(const Hasher&) = delete;
    Hasher& operator=(const Hasher&) = delete;
    Hasher(Hasher&&) noexcept;
    Hasher& operator=(Hasher&&) noexcept;

    void add(QByteArrayView data);
    QByteArray finish(); // raw digest bytes; the hasher is reset afterwards

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

QByteArray hash(HashAlgorithm algorithm, QByteArrayView data); // raw bytes
QByteArray sha256(QByteArrayView data); // raw bytes
QString sha256Hex(QByteArrayView data); // lowercase hex

// Streams the file with large reads; constant memory whatever the size.
Result<QByteArray> hashFile(const QString& path, HashAlgorithm algorithm = HashAlgorithm::Sha256);

// Constant-time comparison for digests and MACs.
bool equalConstantTime(QByteArrayView a, QByteArrayView b);

} // namespace capaudit::crypto

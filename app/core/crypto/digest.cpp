// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/digest.h"

#include "crypto/opensslutil.h"

#include <QFile>

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace capaudit::crypto {

const char* detail::mdName(HashAlgorithm algorithm)
{
    switch (algorithm) {
    case HashAlgorithm::Sha384:
        return "SHA2-384";
    case HashAlgorithm::Sha512:
        return "SHA2-512";
    case HashAlgorithm::Sha256:
        break;
    }
    return "SHA2-256";
}

namespace {

// Fetched once per algorithm: EVP_MD_fetch goes through the provider lookup, too slow for per-record hashing.
const EVP_MD* fetchedMd(HashAlgorithm algorithm)
{
    static const EVP_MD* const sha256Md = EVP_MD_fetch(nullptr, detail::mdName(HashAlgorithm::Sha256), nullptr);
    static const EVP_MD* const sha384Md = EVP_MD_fetch(nullptr, detail::mdName(HashAlgorithm::Sha384), nullptr);
    static const EVP_MD* const sha512Md = EVP_MD_fetch(nullptr, detail::mdName(HashAlgorithm::Sha512), nullptr);
    switch (algorithm) {
    case HashAlgorithm::Sha384:
        return sha384Md;
    case HashAlgorithm::Sha512:
        return sha512Md;
    case HashAlgorithm::Sha256:
        break;
    }
    return sha256Md;
}

} // namespace

QString hashName(HashAlgorithm algorithm)
{
    switch (algorithm) {
    case HashAlgorithm::Sha384:
        return QStringLiteral("sha384");
    case HashAlgorithm::Sha512:
        return QStringLiteral("sha512");
    case HashAlgorithm::Sha256:
        break;
    }
    return QStringLiteral("sha256");
}

std::optional<HashAlgorithm> hashFromName(QStringView name)
{
    // "sha256", "SHA2_256", "SHA-256", "sha2-256" all collapse to "sha256" once separators and the "2" family
    // marker are gone.
    QString key = name.trimmed().toString().toLower();
    key.remove(QLatin1Char('-'));
    key.remove(QLatin1Char('_'));
    if (key.startsWith(QLatin1String("sha2")) && key.size() == 7)
        key.remove(3, 1);
    if (key == QLatin1String("sha256"))
        return HashAlgorithm::Sha256;
    if (key == QLatin1String("sha384"))
        return HashAlgorithm::Sha384;
    if (key == QLatin1String("sha512"))
        return HashAlgorithm::Sha512;
    return std::nullopt;
}

int hashSize(HashAlgorithm algorithm)
{
    switch (algorithm) {
    case HashAlgorithm::Sha384:
        return 48;
    case HashAlgorithm::Sha512:
        return 64;
    case HashAlgorithm::Sha256:
        break;
    }
    return 32;
}

struct Hasher::Impl {
    HashAlgorithm algorithm;
    detail::MdCtxPtr ctx;
};

Hasher::Hasher(HashAlgorithm algorithm)
    : d(std::make_unique<Impl>(Impl { algorithm, detail::MdCtxPtr(EVP_MD_CTX_new()) }))
{
    EVP_DigestInit_ex2(d->ctx.get(), fetchedMd(algorithm), nullptr);
}

Hasher::~Hasher() = default;
Hasher::Hasher(Hasher&&) noexcept = default;
Hasher& Hasher::operator=(Hasher&&) noexcept = default;

void Hasher::add(QByteArrayView data)
{
    if (!data.isEmpty())
        EVP_DigestUpdate(d->ctx.get(), data.data(), static_cast<size_t>(data.size()));
}

QByteArray Hasher::finish()
{
    QByteArray out(hashSize(d->algorithm), Qt::Uninitialized);
    unsigned int length = 0;
    EVP_DigestFinal_ex(d->ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &length);
    out.resize(static_cast<qsizetype>(length));
    EVP_DigestInit_ex2(d->ctx.get(), fetchedMd(d->algorithm), nullptr);
    return out;
}

QByteArray hash(HashAlgorithm algorithm, QByteArrayView data)
{
    QByteArray out(hashSize(algorithm), Qt::Uninitialized);
    unsigned int length = 0;
    if (EVP_Digest(data.data(), static_cast<size_t>(data.size()), reinterpret_cast<unsigned char*>(out.data()), &length,
            fetchedMd(algorithm), nullptr)
        != 1) {
        ERR_clear_error();
        return {};
    }
    out.resize(static_cast<qsizetype>(length));
    return out;
}

QByteArray sha256(QByteArrayView data)
{
    return hash(HashAlgorithm::Sha256, data);
}

QString sha256Hex(QByteArrayView data)
{
    return QString::fromLatin1(sha256(data).toHex());
}

Result<QByteArray> hashFile(const QString& path, HashAlgorithm algorithm)
{
    QFile file(path);
    // Unbuffered: QFile's own buffer would only add a copy in front of our 1 MiB reads.
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return Error(path, QStringLiteral("cannot open for hashing: %1").arg(file.errorString()));
    constexpr qint64 chunk = 1 << 20;
    QByteArray buffer(chunk, Qt::Uninitialized);
    Hasher hasher(algorithm);
    for (;;) {
        const qint64 got = file.read(buffer.data(), chunk);
        if (got < 0)
            return Error(path, QStringLiteral("read error while hashing: %1").arg(file.errorString()));
        if (got == 0)
            break;
        hasher.add(QByteArrayView(buffer.constData(), got));
    }
    return hasher.finish();
}

bool equalConstantTime(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    return a.isEmpty() || CRYPTO_memcmp(a.data(), b.data(), static_cast<size_t>(a.size())) == 0;
}

} // namespace capaudit::crypto

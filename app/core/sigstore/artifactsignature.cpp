// SPDX-License-Identifier: GPL-3.0-or-later
#include "sigstore/artifactsignature.h"

#include "crypto/signature.h"
#include "sigstore/dsse.h"
#include "util/jsonutil.h"

#include <QJsonArray>

#include <openssl/evp.h>
#include <openssl/rsa.h>

namespace capaudit::sigstore {

namespace {

QString id(const char* checkId)
{
    return QString::fromLatin1(checkId);
}

const EVP_MD* evpDigest(crypto::HashAlgorithm algorithm)
{
    switch (algorithm) {
    case crypto::HashAlgorithm::Sha384:
        return EVP_sha384();
    case crypto::HashAlgorithm::Sha512:
        return EVP_sha512();
    case crypto::HashAlgorithm::Sha256:
        break;
    }
    return EVP_sha256();
}

// Verification over a digest the caller computed (the artifact itself is not at hand): ECDSA and RSA PKCS#1 only.
SigstoreCheck verifyPrehashed(const crypto::PublicKey& key, const QByteArray& digest, const QByteArray& signature,
    crypto::HashAlgorithm algorithm)
{
    if (key.type() == crypto::KeyType::Ed25519)
        return failCheck(id(sigcheck::kSignature),
            QStringLiteral("Ed25519 signatures cannot be checked against a digest; "
                           "the artifact itself is needed"));
    const crypto::SignatureResult policy = crypto::checkKeyPolicy(key);
    if (policy.outcome == crypto::SignatureOutcome::WeakAlgorithm
        || policy.outcome == crypto::SignatureOutcome::Unsupported)
        return failCheck(id(sigcheck::kSignature), policy.reason);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key.native(), nullptr);
    bool ok = ctx && EVP_PKEY_verify_init(ctx) == 1 && EVP_PKEY_CTX_set_signature_md(ctx, evpDigest(algorithm)) == 1;
    if (ok && key.type() == crypto::KeyType::Rsa)
        ok = EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1;
    ok = ok
        && EVP_PKEY_verify(ctx, reinterpret_cast<const unsigned char*>(signature.constData()), size_t(signature.size()),
               reinterpret_cast<const unsigned char*>(digest.constData()), size_t(digest.size()))
            == 1;
    EVP_PKEY_CTX_free(ctx);
    if (!ok)
        return failCheck(id(sigcheck::kSignature),
            QStringLiteral("signature does not verify over the artifact digest with %1").arg(key.description()));
    return passCheck(id(sigcheck::kSignature), QStringLiteral("%1 over the artifact digest").arg(key.description()));
}

} // namespace

SigstoreCheck checkArtifactDigest(const SigstoreBundle& bundle, const SigstoreArtifact& artifact)
{
    const QString want = QString::fromLatin1(artifact.sha256.toHex());
    if (bundle.messageSignature) {
        const MessageSignature& message = *bundle.messageSignature;
        if (message.digest.isEmpty())
            return skipCheck(id(sigcheck::kDigest), QStringLiteral("the bundle states no message digest"));
        if (!artifact.hasBytes && message.digestAlgorithm != crypto::HashAlgorithm::Sha256)
            return failCheck(
                id(sigcheck::kDigest), QStringLiteral("message digest is not SHA-256; the artifact is needed"));
        const QByteArray actual = artifact.hasBytes
            ? crypto::hash(message.digestAlgorithm.value_or(crypto::HashAlgorithm::Sha256), artifact.bytes)
            : artifact.sha256;
        if (actual != message.digest)
            return failCheck(id(sigcheck::kDigest),
                QStringLiteral("bundle message digest %1 is not the artifact's %2")
                    .arg(QString::fromLatin1(message.digest.toHex()), QString::fromLatin1(actual.toHex())));
        return passCheck(
            id(sigcheck::kDigest), QStringLiteral("artifact digest %1").arg(QString::fromLatin1(actual.toHex())));
    }
    if (!bundle.dsseEnvelope)
        return failCheck(id(sigcheck::kDigest), QStringLiteral("bundle has no content"));
    const DsseEnvelope& envelope = *bundle.dsseEnvelope;
    if (!envelope.payloadType.startsWith("application/vnd.in-toto"))
        return skipCheck(id(sigcheck::kDigest),
            QStringLiteral("payload type '%1' names no subjects").arg(QString::fromUtf8(envelope.payloadType)));
    auto statement = parseJsonObject(envelope.payload, bundle.fileName);
    if (!statement)
        return failCheck(id(sigcheck::kDigest), QStringLiteral("in-toto statement: %1").arg(statement.error().reason));
    const QJsonArray subjects = statement->value(u"subject").toArray();
    QStringList names;
    for (const QJsonValue& subject : subjects) {
        const QJsonObject object = subject.toObject();
        names.append(object.value(u"name").toString());
        if (object.value(u"digest").toObject().value(u"sha256").toString().compare(want, Qt::CaseInsensitive) == 0)
            return passCheck(id(sigcheck::kDigest), QStringLiteral("artifact is subject '%1'").arg(names.last()));
    }
    return failCheck(id(sigcheck::kDigest),
        QStringLiteral("no subject of the statement (%1) has the artifact's sha256 %2")
            .arg(names.join(QStringLiteral(", ")), want));
}

SigstoreCheck checkArtifactSignature(
    const SigstoreBundle& bundle, const SigstoreArtifact& artifact, const crypto::PublicKey& key)
{
    crypto::SignatureParams params;
    QByteArray message;
    if (bundle.dsseEnvelope) {
        message = dssePae(bundle.dsseEnvelope->payloadType, bundle.dsseEnvelope->payload);
    } else if (bundle.messageSignature) {
        const crypto::HashAlgorithm algorithm =
            bundle.messageSignature->digestAlgorithm.value_or(crypto::HashAlgorithm::Sha256);
        if (key.type() != crypto::KeyType::Ed25519)
            params.hash = algorithm;
        if (!artifact.hasBytes)
            return verifyPrehashed(key, artifact.sha256, bundle.messageSignature->signature, algorithm);
        message = artifact.bytes;
    } else {
        return failCheck(id(sigcheck::kSignature), QStringLiteral("bundle has no signature"));
    }
    const crypto::SignatureResult result = crypto::verifySignature(key, message, bundle.signatureBytes(), params);
    if (!result.ok())
        return failCheck(id(sigcheck::kSignature),
            QStringLiteral("%1 does not verify: %2")
                .arg(bundle.dsseEnvelope ? QStringLiteral("DSSE signature over PAE")
                                         : QStringLiteral("message signature"),
                    result.reason));
    return passCheck(id(sigcheck::kSignature),
        QStringLiteral("%1 (%2)").arg(
            bundle.dsseEnvelope ? QStringLiteral("DSSE PAE signature") : QStringLiteral("artifact signature"),
            result.algorithm));
}

} // namespace capaudit::sigstore

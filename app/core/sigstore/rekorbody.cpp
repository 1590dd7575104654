// SPDX-License-Identifier: GPL-3.0-or-later
// Cross-check of a Rekor entry's canonicalizedBody with the bundle: the log must describe this very signature,
// signer and artifact, or the inclusion proof proves nothing about the bundle.
#include "crypto/digest.h"
#include "sigstore/dsse.h"
#include "sigstore/tlog.h"
#include "util/jsonutil.h"

#include <QJsonArray>

namespace capaudit::sigstore {

namespace {

struct Mismatch {
    QString reason; // empty: everything matched
};

QByteArray fromBase64(const QJsonValue& value)
{
    return decodeBase64Any(value.toString().toLatin1()).value_or(QByteArray());
}

QString hexOf(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

// VERIFIER is PEM or DER of a certificate or a public key, as the entry types variously store it.
bool matchesSigner(const QByteArray& verifier, const SigstoreBundle& bundle, const TlogExpectations& expected)
{
    if (verifier.isEmpty())
        return false;
    const crypto::Certificate leaf = bundle.leafCertificate();
    auto cert =
        verifier.startsWith("-----") ? crypto::Certificate::fromPem(verifier) : crypto::Certificate::fromDer(verifier);
    if (cert)
        return !leaf.isNull() && cert->toDer() == leaf.toDer();
    auto key =
        verifier.startsWith("-----") ? crypto::PublicKey::fromPem(verifier) : crypto::PublicKey::fromDer(verifier);
    if (!key)
        return false;
    const crypto::PublicKey signer = !expected.signerKey.isNull() ? expected.signerKey
        : leaf.isNull()                                           ? crypto::PublicKey()
                                                                  : leaf.publicKey();
    return !signer.isNull() && key->spkiDer() == signer.spkiDer();
}

QByteArray artifactDigest(const SigstoreBundle& bundle, const TlogExpectations& expected)
{
    if (!expected.artifactSha256.isEmpty())
        return expected.artifactSha256;
    return bundle.messageSignature ? bundle.messageSignature->digest : QByteArray();
}

// What the hashed data of a hashedrekord entry must be: the artifact digest for a message signature,
// SHA-256(PAE) for a DSSE envelope logged as hashedrekord (Rekor v2).
QByteArray expectedHashedData(const SigstoreBundle& bundle, const TlogExpectations& expected)
{
    if (bundle.dsseEnvelope)
        return crypto::sha256(dssePae(bundle.dsseEnvelope->payloadType, bundle.dsseEnvelope->payload));
    return artifactDigest(bundle, expected);
}

Mismatch hashedRekordV1(const QJsonObject& spec, const SigstoreBundle& bundle, const TlogExpectations& expected)
{
    const QJsonObject hash = spec.value(u"data").toObject().value(u"hash").toObject();
    if (hash.value(u"algorithm").toString() != u"sha256")
        return { QStringLiteral("hash algorithm '%1' is not sha256").arg(hash.value(u"algorithm").toString()) };
    const QByteArray logged = QByteArray::fromHex(hash.value(u"value").toString().toLatin1());
    const QByteArray want = expectedHashedData(bundle, expected);
    if (logged.isEmpty() || logged != want)
        return { QStringLiteral("logged digest %1 is not the artifact's %2").arg(hexOf(logged), hexOf(want)) };
    const QJsonObject signature = spec.value(u"signature").toObject();
    if (fromBase64(signature.value(u"content")) != bundle.signatureBytes())
        return { QStringLiteral("logged signature differs from the bundle's signature") };
    if (!matchesSigner(fromBase64(signature.value(u"publicKey").toObject().value(u"content")), bundle, expected))
        return { QStringLiteral("logged certificate or key is not the bundle's signer") };
    return {};
}

Mismatch hashedRekordV2(const QJsonObject& spec, const SigstoreBundle& bundle, const TlogExpectations& expected)
{
    const QJsonObject body = spec.value(u"hashedRekordV002").toObject();
    const QJsonObject data = body.value(u"data").toObject();
    if (data.value(u"algorithm").toString() != u"SHA2_256")
        return { QStringLiteral("hash algorithm '%1' is not SHA2_256").arg(data.value(u"algorithm").toString()) };
    const QByteArray logged = fromBase64(data.value(u"digest"));
    const QByteArray want = expectedHashedData(bundle, expected);
    if (logged.isEmpty() || logged != want)
        return { QStringLiteral("logged digest %1 is not the expected %2").arg(hexOf(logged), hexOf(want)) };
    const QJsonObject signature = body.value(u"signature").toObject();
    if (fromBase64(signature.value(u"content")) != bundle.signatureBytes())
        return { QStringLiteral("logged signature differs from the bundle's signature") };
    const QJsonObject verifier = signature.value(u"verifier").toObject();
    const QByteArray material = verifier.contains(u"x509Certificate")
        ? fromBase64(verifier.value(u"x509Certificate").toObject().value(u"rawBytes"))
        : fromBase64(verifier.value(u"publicKey").toObject().value(u"rawBytes"));
    if (!matchesSigner(material, bundle, expected))
        return { QStringLiteral("logged certificate or key is not the bundle's signer") };
    return {};
}

Mismatch dsseV1(const QJsonObject& spec, const SigstoreBundle& bundle, const TlogExpectations& expected)
{
    if (!bundle.dsseEnvelope)
        return { QStringLiteral("a dsse entry for a bundle without a DSSE envelope") };
    const DsseEnvelope& envelope = *bundle.dsseEnvelope;
    const QJsonObject payloadHash = spec.value(u"payloadHash").toObject();
    if (payloadHash.value(u"algorithm").toString() != u"sha256"
        || payloadHash.value(u"value").toString() != crypto::sha256Hex(envelope.payload))
        return { QStringLiteral("logged payload hash %1 is not the envelope payload's %2")
                     .arg(payloadHash.value(u"value").toString(), crypto::sha256Hex(envelope.payload)) };
    // Rekor hashes the envelope as compact JSON with sorted keys and empty keyids left out.
    QJsonArray signatures;
    for (const DsseSignature& s : envelope.signatures) {
        QJsonObject item { { QStringLiteral("sig"), QString::fromLatin1(s.sig.toBase64()) } };
        if (!s.keyid.isEmpty())
            item.insert(QStringLiteral("keyid"), s.keyid);
        signatures.append(item);
    }
    const QJsonObject canonical { { QStringLiteral("payload"), QString::fromLatin1(envelope.payload.toBase64()) },
        { QStringLiteral("payloadType"), QString::fromUtf8(envelope.payloadType) },
        { QStringLiteral("signatures"), signatures } };
    const QString envelopeHash = crypto::sha256Hex(canonicalJson(canonical));
    const QJsonObject loggedEnvelope = spec.value(u"envelopeHash").toObject();
    if (loggedEnvelope.value(u"value").toString() != envelopeHash)
        return { QStringLiteral("logged envelope hash %1 is not the bundle envelope's %2")
                     .arg(loggedEnvelope.value(u"value").toString(), envelopeHash) };
    const QJsonArray logged = spec.value(u"signatures").toArray();
    if (logged.size() != envelope.signatures.size())
        return { QStringLiteral("%1 logged signatures for %2 in the envelope")
                     .arg(logged.size())
                     .arg(envelope.signatures.size()) };
    for (qsizetype i = 0; i < logged.size(); ++i) {
        const QJsonObject item = logged.at(i).toObject();
        if (fromBase64(item.value(u"signature")) != envelope.signatures.at(i).sig)
            return { QStringLiteral("logged signature %1 differs from the envelope's").arg(i) };
        if (!matchesSigner(fromBase64(item.value(u"verifier")), bundle, expected))
            return { QStringLiteral("logged verifier %1 is not the bundle's signer").arg(i) };
    }
    return {};
}

Mismatch intotoV2(const QJsonObject& spec, const SigstoreBundle& bundle, const TlogExpectations& expected)
{
    if (!bundle.dsseEnvelope)
        return { QStringLiteral("an intoto entry for a bundle without a DSSE envelope") };
    const DsseEnvelope& envelope = *bundle.dsseEnvelope;
    const QJsonObject content = spec.value(u"content").toObject();
    const QJsonObject payloadHash = content.value(u"payloadHash").toObject();
    if (payloadHash.value(u"algorithm").toString() != u"sha256"
        || payloadHash.value(u"value").toString() != crypto::sha256Hex(envelope.payload))
        return { QStringLiteral("logged payload hash %1 is not the envelope payload's %2")
                     .arg(payloadHash.value(u"value").toString(), crypto::sha256Hex(envelope.payload)) };
    // intoto 0.0.2 stores the envelope's base64 fields base64-encoded once more.
    const QJsonObject logged = content.value(u"envelope").toObject();
    if (logged.value(u"payloadType").toString().toUtf8() != envelope.payloadType)
        return { QStringLiteral("logged payload type differs from the envelope's") };
    if (fromBase64(QString::fromLatin1(fromBase64(logged.value(u"payload")))) != envelope.payload)
        return { QStringLiteral("logged payload differs from the envelope's") };
    const QJsonArray signatures = logged.value(u"signatures").toArray();
    if (signatures.size() != envelope.signatures.size())
        return { QStringLiteral("%1 logged signatures for %2 in the envelope")
                     .arg(signatures.size())
                     .arg(envelope.signatures.size()) };
    for (qsizetype i = 0; i < signatures.size(); ++i) {
        const QJsonObject item = signatures.at(i).toObject();
        if (fromBase64(QString::fromLatin1(fromBase64(item.value(u"sig")))) != envelope.signatures.at(i).sig)
            return { QStringLiteral("logged signature %1 differs from the envelope's").arg(i) };
        if (!matchesSigner(fromBase64(item.value(u"publicKey")), bundle, expected))
            return { QStringLiteral("logged public key %1 is not the bundle's signer").arg(i) };
    }
    return {};
}

} // namespace

SigstoreCheck checkEntryBody(const TlogEntry& entry, const SigstoreBundle& bundle, const TlogExpectations& expected)
{
    const QString checkId = QString::fromLatin1(tlogcheck::kBody);
    auto body = parseJsonObject(entry.canonicalizedBody, bundle.fileName);
    if (!body)
        return failCheck(checkId, QStringLiteral("canonicalizedBody: %1").arg(body.error().reason));
    const QString kind = body->value(u"kind").toString();
    const QString version = body->value(u"apiVersion").toString();
    if (kind != entry.kind || version != entry.kindVersion)
        return failCheck(checkId,
            QStringLiteral("body is %1 %2 but the entry says %3 %4").arg(kind, version, entry.kind, entry.kindVersion));
    const QJsonObject spec = body->value(u"spec").toObject();
    Mismatch mismatch;
    if (kind == u"hashedrekord" && version == u"0.0.1")
        mismatch = hashedRekordV1(spec, bundle, expected);
    else if (kind == u"hashedrekord" && version == u"0.0.2")
        mismatch = hashedRekordV2(spec, bundle, expected);
    else if (kind == u"dsse" && version == u"0.0.1")
        mismatch = dsseV1(spec, bundle, expected);
    else if (kind == u"intoto" && version == u"0.0.2")
        mismatch = intotoV2(spec, bundle, expected);
    else
        return failCheck(checkId, QStringLiteral("unsupported entry type %1 %2").arg(kind, version));
    if (!mismatch.reason.isEmpty())
        return failCheck(checkId, QStringLiteral("%1 %2 entry: %3").arg(kind, version, mismatch.reason));
    return passCheck(checkId, QStringLiteral("%1 %2 entry matches the bundle").arg(kind, version));
}

} // namespace capaudit::sigstore

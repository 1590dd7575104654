// SPDX-License-Identifier: GPL-3.0-or-later
#include "sigstore/bundle.h"

#include "sigstore/jsonfields.h"
#include "util/jsonutil.h"

#include <QJsonArray>

namespace capaudit::sigstore {

namespace {

using detail::JsonReader;

std::optional<BundleVersion> versionFromMediaType(const QString& mediaType)
{
    if (mediaType == u"application/vnd.dev.sigstore.bundle+json;version=0.1")
        return BundleVersion::V0_1;
    if (mediaType == u"application/vnd.dev.sigstore.bundle+json;version=0.2")
        return BundleVersion::V0_2;
    if (mediaType == u"application/vnd.dev.sigstore.bundle+json;version=0.3"
        || mediaType == u"application/vnd.dev.sigstore.bundle.v0.3+json")
        return BundleVersion::V0_3;
    return std::nullopt;
}

Result<crypto::Certificate> parseCertificate(const JsonReader& r, const QJsonValue& value, const QString& path)
{
    auto der = r.bytes(value.toObject().value(u"rawBytes"), path);
    if (!der)
        return der.error();
    auto cert = crypto::Certificate::fromDer(*der);
    if (!cert)
        return r.error(path, QStringLiteral("not a DER certificate: %1").arg(cert.error().reason));
    return *cert;
}

Result<InclusionProof> parseInclusionProof(const JsonReader& r, const QJsonObject& json, const QString& path)
{
    InclusionProof proof;
    auto index = r.int64(json.value(u"logIndex"), path + QStringLiteral(".logIndex"));
    if (!index)
        return index.error();
    auto size = r.int64(json.value(u"treeSize"), path + QStringLiteral(".treeSize"));
    if (!size)
        return size.error();
    auto root = r.bytes(json.value(u"rootHash"), path + QStringLiteral(".rootHash"));
    if (!root)
        return root.error();
    if (*index < 0 || *size <= 0)
        return r.error(
            path, QStringLiteral("negative log index %1 or non-positive tree size %2").arg(*index).arg(*size));
    proof.logIndex = *index;
    proof.treeSize = *size;
    proof.rootHash = *root;
    const QJsonArray hashes = json.value(u"hashes").toArray();
    for (qsizetype i = 0; i < hashes.size(); ++i) {
        auto hash = r.bytes(hashes.at(i), QStringLiteral("%1.hashes[%2]").arg(path).arg(i));
        if (!hash)
            return hash.error();
        proof.hashes.append(*hash);
    }
    const QJsonValue envelope = json.value(u"checkpoint").toObject().value(u"envelope");
    if (envelope.isString())
        proof.checkpoint = envelope.toString().toUtf8();
    return proof;
}

Result<TlogEntry> parseTlogEntry(const JsonReader& r, const QJsonObject& json, const QString& path)
{
    TlogEntry entry;
    auto index = r.int64(json.value(u"logIndex"), path + QStringLiteral(".logIndex"));
    if (!index)
        return index.error();
    if (*index < 0)
        return r.error(path + QStringLiteral(".logIndex"), QStringLiteral("negative log index %1").arg(*index));
    entry.logIndex = *index;
    auto logId = r.bytes(json.value(u"logId").toObject().value(u"keyId"), path + QStringLiteral(".logId.keyId"));
    if (!logId)
        return logId.error();
    entry.logId = *logId;
    const QJsonObject kindVersion = json.value(u"kindVersion").toObject();
    auto kind = r.string(kindVersion.value(u"kind"), path + QStringLiteral(".kindVersion.kind"));
    if (!kind)
        return kind.error();
    auto version = r.string(kindVersion.value(u"version"), path + QStringLiteral(".kindVersion.version"));
    if (!version)
        return version.error();
    entry.kind = *kind;
    entry.kindVersion = *version;
    const QJsonValue integrated = json.value(u"integratedTime");
    if (!integrated.isUndefined() && !integrated.isNull()) {
        auto time = r.int64(integrated, path + QStringLiteral(".integratedTime"));
        if (!time)
            return time.error();
        if (*time < 0)
            return r.error(path + QStringLiteral(".integratedTime"), QStringLiteral("negative time %1").arg(*time));
        // proto3 JSON writes zero as absent or "0": both mean "no integrated time" (Rekor v2).
        if (*time > 0)
            entry.integratedTime = *time;
    }
    const QJsonValue promise = json.value(u"inclusionPromise");
    if (promise.isObject()) {
        auto set = r.bytes(promise.toObject().value(u"signedEntryTimestamp"),
            path + QStringLiteral(".inclusionPromise.signedEntryTimestamp"));
        if (!set)
            return set.error();
        entry.signedEntryTimestamp = *set;
    }
    const QJsonValue proof = json.value(u"inclusionProof");
    if (proof.isObject()) {
        auto parsed = parseInclusionProof(r, proof.toObject(), path + QStringLiteral(".inclusionProof"));
        if (!parsed)
            return parsed.error();
        entry.inclusionProof = *parsed;
    }
    auto body = r.bytes(json.value(u"canonicalizedBody"), path + QStringLiteral(".canonicalizedBody"));
    if (!body)
        return body.error();
    entry.canonicalizedBody = *body;
    return entry;
}

Status parseMaterial(const JsonReader& r, const QJsonObject& material, SigstoreBundle& bundle)
{
    const QString base = QStringLiteral("verificationMaterial");
    const int kinds = int(material.contains(u"publicKey")) + int(material.contains(u"x509CertificateChain"))
        + int(material.contains(u"certificate"));
    if (kinds != 1)
        return r.error(base,
            QStringLiteral("expected exactly one of publicKey, x509CertificateChain, certificate (found %1)")
                .arg(kinds));
    if (material.contains(u"publicKey")) {
        bundle.materialKind = MaterialKind::PublicKey;
        bundle.publicKeyHint = material.value(u"publicKey").toObject().value(u"hint").toString();
    } else if (material.contains(u"x509CertificateChain")) {
        bundle.materialKind = MaterialKind::CertificateChain;
        if (bundle.version == BundleVersion::V0_3)
            return r.error(base + QStringLiteral(".x509CertificateChain"),
                QStringLiteral("v0.3 bundles carry the leaf as `certificate`, not a chain"));
        const QString path = base + QStringLiteral(".x509CertificateChain.certificates");
        const QJsonArray array = material.value(u"x509CertificateChain").toObject().value(u"certificates").toArray();
        if (array.isEmpty())
            return r.error(path, QStringLiteral("certificate chain is empty"));
        for (qsizetype i = 0; i < array.size(); ++i) {
            auto cert = parseCertificate(r, array.at(i), QStringLiteral("%1[%2].rawBytes").arg(path).arg(i));
            if (!cert)
                return cert.error();
            bundle.certificates.append(*cert);
        }
    } else {
        bundle.materialKind = MaterialKind::Certificate;
        auto cert = parseCertificate(r, material.value(u"certificate"), base + QStringLiteral(".certificate.rawBytes"));
        if (!cert)
            return cert.error();
        bundle.certificates.append(*cert);
    }

    const QJsonArray entries = material.value(u"tlogEntries").toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        auto entry = parseTlogEntry(r, entries.at(i).toObject(), QStringLiteral("%1.tlogEntries[%2]").arg(base).arg(i));
        if (!entry)
            return entry.error();
        bundle.tlogEntries.append(*entry);
    }
    const QJsonArray stamps =
        material.value(u"timestampVerificationData").toObject().value(u"rfc3161Timestamps").toArray();
    for (qsizetype i = 0; i < stamps.size(); ++i) {
        auto stamp = r.bytes(stamps.at(i).toObject().value(u"signedTimestamp"),
            QStringLiteral("%1.timestampVerificationData.rfc3161Timestamps[%2].signedTimestamp").arg(base).arg(i));
        if (!stamp)
            return stamp.error();
        bundle.rfc3161Timestamps.append(*stamp);
    }
    return {};
}

Status parseContent(const JsonReader& r, const QJsonObject& json, SigstoreBundle& bundle)
{
    const bool hasMessage = json.contains(u"messageSignature");
    const bool hasDsse = json.contains(u"dsseEnvelope");
    if (hasMessage == hasDsse)
        return r.error(
            QStringLiteral("content"), QStringLiteral("expected exactly one of messageSignature, dsseEnvelope"));
    if (hasMessage) {
        const QJsonObject message = json.value(u"messageSignature").toObject();
        MessageSignature out;
        auto signature = r.bytes(message.value(u"signature"), QStringLiteral("messageSignature.signature"));
        if (!signature)
            return signature.error();
        out.signature = *signature;
        const QJsonObject digest = message.value(u"messageDigest").toObject();
        if (!digest.isEmpty()) {
            const QString algorithm = digest.value(u"algorithm").toString();
            out.digestAlgorithm = crypto::hashFromName(algorithm);
            if (!out.digestAlgorithm)
                return r.error(QStringLiteral("messageSignature.messageDigest.algorithm"),
                    QStringLiteral("unsupported hash algorithm '%1'").arg(algorithm));
            auto value = r.bytes(digest.value(u"digest"), QStringLiteral("messageSignature.messageDigest.digest"));
            if (!value)
                return value.error();
            out.digest = *value;
        }
        bundle.messageSignature = out;
        return {};
    }
    const QJsonObject envelope = json.value(u"dsseEnvelope").toObject();
    DsseEnvelope out;
    const QJsonValue payload = envelope.value(u"payload");
    const auto decoded = payload.isString() ? decodeBase64Any(payload.toString().toLatin1()) : std::nullopt;
    if (!decoded)
        return r.error(QStringLiteral("dsseEnvelope.payload"), QStringLiteral("missing or not base64"));
    out.payload = *decoded;
    out.payloadBase64 = payload.toString().toLatin1();
    auto type = r.string(envelope.value(u"payloadType"), QStringLiteral("dsseEnvelope.payloadType"));
    if (!type)
        return type.error();
    out.payloadType = type->toUtf8();
    const QJsonArray signatures = envelope.value(u"signatures").toArray();
    for (qsizetype i = 0; i < signatures.size(); ++i) {
        const QJsonObject item = signatures.at(i).toObject();
        auto sig = r.bytes(item.value(u"sig"), QStringLiteral("dsseEnvelope.signatures[%1].sig").arg(i));
        if (!sig)
            return sig.error();
        out.signatures.append({ *sig, item.value(u"keyid").toString() });
    }
    // Sigstore bundles are not ITE-5 multi-signature envelopes.
    if (out.signatures.size() != 1)
        return r.error(QStringLiteral("dsseEnvelope.signatures"),
            QStringLiteral("expected exactly one signature, found %1").arg(out.signatures.size()));
    bundle.dsseEnvelope = out;
    return {};
}

} // namespace

QString bundleVersionName(BundleVersion version)
{
    switch (version) {
    case BundleVersion::V0_1:
        return QStringLiteral("0.1");
    case BundleVersion::V0_2:
        return QStringLiteral("0.2");
    case BundleVersion::V0_3:
        break;
    }
    return QStringLiteral("0.3");
}

QByteArray SigstoreBundle::signatureBytes() const
{
    if (messageSignature)
        return messageSignature->signature;
    if (dsseEnvelope && !dsseEnvelope->signatures.isEmpty())
        return dsseEnvelope->signatures.first().sig;
    return {};
}

Result<SigstoreBundle> parseSigstoreBundle(const QByteArray& json, const QString& fileName)
{
    auto root = parseJsonObject(json, fileName);
    if (!root)
        return root.error();
    const JsonReader r { fileName };
    SigstoreBundle bundle;
    bundle.fileName = fileName;
    bundle.mediaType = root->value(u"mediaType").toString();
    const auto version = versionFromMediaType(bundle.mediaType);
    if (!version)
        return r.error(
            QStringLiteral("mediaType"), QStringLiteral("unsupported bundle media type '%1'").arg(bundle.mediaType));
    bundle.version = *version;
    auto material = r.object(*root, QStringLiteral("verificationMaterial"), QStringLiteral("verificationMaterial"));
    if (!material)
        return material.error();
    if (Status status = parseMaterial(r, *material, bundle); !status)
        return status.error();
    if (Status status = parseContent(r, *root, bundle); !status)
        return status.error();
    return bundle;
}

} // namespace capaudit::sigstore

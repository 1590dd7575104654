// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/certificate.h"
#include "crypto/digest.h"
#include "util/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace capaudit::sigstore {

// A Sigstore bundle (protobuf-specs sigstore_bundle.proto, proto3 JSON mapping) as read from disk. Parsing
// checks shape and encodings only; nothing here is trusted until verifySigstoreBundle() says so.
enum class BundleVersion { V0_1, V0_2, V0_3 };
QString bundleVersionName(BundleVersion version); // "0.1", "0.2", "0.3"

struct InclusionProof {
    qint64 logIndex = -1; // index inside the (possibly sharded) tree: the one the Merkle math uses
    QByteArray rootHash;
    qint64 treeSize = 0;
    QList<QByteArray> hashes;
    QByteArray checkpoint; // C2SP signed note text; empty when absent
};

struct TlogEntry {
    qint64 logIndex = -1; // global index across shards (what the SET signs)
    QByteArray logId; // raw key id bytes (SHA-256 of the log key for Rekor v1)
    QString kind; // "hashedrekord", "dsse", "intoto"
    QString kindVersion; // "0.0.1", "0.0.2"
    std::optional<qint64> integratedTime; // Unix seconds; absent (or 0) for Rekor v2
    QByteArray signedEntryTimestamp; // inclusionPromise; empty when absent
    std::optional<InclusionProof> inclusionProof;
    QByteArray canonicalizedBody; // decoded bytes: the Merkle leaf
};

struct MessageSignature {
    std::optional<crypto::HashAlgorithm> digestAlgorithm; // messageDigest.algorithm, unset when absent
    QByteArray digest; // unauthenticated hint of the artifact digest; may be empty
    QByteArray signature;
};

struct DsseSignature {
    QByteArray sig;
    QString keyid;
};

struct DsseEnvelope {
    QByteArray payload; // decoded
    QByteArray payloadType;
    QList<DsseSignature> signatures;
    QByteArray payloadBase64; // as written in the bundle (dsse 0.0.1 entries hash the envelope re-encoded)
};

enum class MaterialKind { PublicKey, CertificateChain, Certificate };

struct SigstoreBundle {
    QString fileName;
    QString mediaType;
    BundleVersion version = BundleVersion::V0_3;
    MaterialKind materialKind = MaterialKind::Certificate;
    QString publicKeyHint; // verificationMaterial.publicKey.hint
    QList<crypto::Certificate> certificates; // leaf first; one entry for `certificate`
    QList<TlogEntry> tlogEntries;
    QList<QByteArray> rfc3161Timestamps; // DER TimeStampResp (or bare token) bytes
    std::optional<MessageSignature> messageSignature;
    std::optional<DsseEnvelope> dsseEnvelope;

    // The signature over the artifact (message signature or the single DSSE signature).
    QByteArray signatureBytes() const;
    crypto::Certificate leafCertificate() const
    {
        return certificates.isEmpty() ? crypto::Certificate() : certificates.first();
    }
};

// Accepts "application/vnd.dev.sigstore.bundle+json;version=0.1|0.2|0.3" and
// "application/vnd.dev.sigstore.bundle.v0.3+json". Errors name FILENAME and the JSON field.
Result<SigstoreBundle> parseSigstoreBundle(const QByteArray& json, const QString& fileName);

} // namespace capaudit::sigstore

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/publickey.h"
#include "sigstore/bundle.h"
#include "sigstore/check.h"
#include "sigstore/trustedroot.h"

#include <QDateTime>

namespace capaudit::sigstore {

// The artifact the bundle claims to sign: its bytes, or only its SHA-256 when the bytes are not at hand
// (DSSE bundles are then matched by subject digest; message signatures are verified over the pre-hashed digest,
// which Ed25519 cannot do).
struct SigstoreArtifact {
    QByteArray bytes;
    QByteArray sha256; // computed from BYTES when empty
    bool hasBytes = false;

    static SigstoreArtifact fromBytes(const QByteArray& data);
    static SigstoreArtifact fromSha256(const QByteArray& digest);
};

struct SigstoreOptions {
    QString expectedIdentity; // exact certificate SAN (URI or e-mail)
    QString expectedIssuer; // exact Fulcio OIDC issuer
    // A pinned key (managed-key signing): required for bundles with a publicKey hint; for certificate bundles the
    // leaf's key must equal it and it replaces the CA chain and identity as the trust decision.
    crypto::PublicKey pinnedKey;
    bool requireIdentity = true; // keyless bundles without an expected identity fail rather than pass
    bool requireSct = true; // keyless leaves need a verified SCT when the trusted root lists CT logs
    int tlogThreshold = 1; // verified transparency-log entries needed
    QDateTime now; // invalid: the current time
};

// Check ids (stable: tests and the lead's verdict mapping key on them). Per-entry checks come from verifyTlogEntry()
// and are prefixed "tlog[i]." ("tlog[0].inclusion").
namespace sigcheck {
inline constexpr auto kFormat = "bundle.format"; // media type, material and content shape
inline constexpr auto kMaterial = "bundle.material"; // no root certificate in the bundle, key/cert present
inline constexpr auto kChain = "cert.chain"; // leaf chains to a trusted-root CA at the signing time
inline constexpr auto kCaValidity = "cert.ca_validity"; // that CA's trusted-root validity covers the signing time
inline constexpr auto kCertValidity = "cert.validity"; // every verified time inside the leaf's validity window
inline constexpr auto kIdentity = "cert.identity"; // SAN equals the expected identity
inline constexpr auto kIssuer = "cert.issuer"; // Fulcio issuer extension equals the expected issuer
inline constexpr auto kSct = "cert.sct"; // embedded SCT verified against a trusted CT log
inline constexpr auto kKey = "signer.key"; // pinned key present and matching
inline constexpr auto kDigest = "artifact.digest"; // messageDigest / DSSE subject matches the artifact
inline constexpr auto kSignature = "artifact.signature"; // signature over the artifact or DSSE PAE
inline constexpr auto kTimestamp = "timestamp.rfc3161"; // RFC 3161 timestamps verified
inline constexpr auto kSigningTime = "signing.time"; // at least one verified time (integrated time or TSA)
inline constexpr auto kTlog = "tlog.threshold"; // enough verified log entries
} // namespace sigcheck

struct SigstoreVerification {
    bool ok = false;
    QList<SigstoreCheck> checks;
    QList<QDateTime> verifiedTimes; // integrated times of verified entries and verified TSA times
    QString signerIdentity; // SAN of the leaf, or the pinned key's fingerprint
    QString signerIssuer;

    const SigstoreCheck* firstFailure() const;
    QString summary() const; // "verified" or "failed: <id>: <reason>"
};

// Offline verification of BUNDLE against TRUSTED (no network): see the check ids above.
SigstoreVerification verifySigstoreBundle(const SigstoreBundle& bundle, const TrustedRoot& trusted,
    const SigstoreArtifact& artifact, const SigstoreOptions& options = {});

} // namespace capaudit::sigstore

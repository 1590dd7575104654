// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace capaudit {

enum class BundleKind { Unknown, Telemetry, Attestation, Billing, Invoice };
QString bundleKindName(BundleKind kind); // "telemetry", "attestation", "billing", "invoice", "unknown"
BundleKind bundleKindFromName(QStringView name);
BundleKind bundleKindFromPredicateType(QStringView predicateType);
QString predicateTypeFor(BundleKind kind);

enum class CheckStatus { Pass, Fail, Skipped };
QString checkStatusName(CheckStatus status); // "pass", "fail", "skipped"

// Stable check identifiers: tests, the GUI and the JSON output key on them.
namespace checks {
inline constexpr auto kLayout = "bundle.layout"; // readable bundle, allowed files only, safe archive
inline constexpr auto kEnvelope = "envelope.format"; // envelope parses, payload decodes
inline constexpr auto kSignaturePresent = "signature.present";
inline constexpr auto kAlgorithm = "signature.algorithm"; // key type and size allowed by policy
inline constexpr auto kSignature = "signature.valid"; // signature matches the PAE / message
inline constexpr auto kStatement = "statement.format"; // in-toto Statement v1 with a known predicateType
inline constexpr auto kSubjects = "subjects.digests"; // each subject's file exists and its digest matches
inline constexpr auto kUnsignedFiles = "subjects.complete"; // no file under data/ is outside the statement
inline constexpr auto kChain = "signer.chain"; // X.509 chain to a trust anchor, key usage
inline constexpr auto kValidity = "signer.validity"; // certificates valid at the signing time
inline constexpr auto kRevocation = "signer.revocation"; // CRLs
inline constexpr auto kTrust = "signer.trusted"; // signer is a trust anchor (chain or pinned key)
// The signer's anchor may say what the statement says: its role fits the evidence and the provider is in its scope,
// and a keyless signer carries the identity the anchor pins (see evidence/authorization.h).
inline constexpr auto kAuthorized = "signer.authorized";
inline constexpr auto kTransparency = "tlog.inclusion"; // inclusion proof + signed checkpoint
} // namespace checks

struct Check {
    QString id; // one of checks::k*
    QString title; // human name: "Signature matches"
    CheckStatus status = CheckStatus::Skipped;
    QString reason; // what was found ("digest mismatch for data/usage.csv: expected …, got …")
    QString hint; // for a failure: what the auditor can do
    QJsonObject toJson() const;
    static Check fromJson(const QJsonObject& json);
};

enum class VerdictKind { Verified, Untrusted, Rejected };
QString verdictName(VerdictKind verdict); // "verified", "untrusted", "rejected"
VerdictKind verdictFromName(QStringView name);

struct Subject {
    QString name; // "data/usage.csv"
    QString algorithm; // "sha256": the strongest supported digest (the one written into verdict JSON)
    QString digestHex;
    // Every supported digest the statement gives (algorithm -> lowercase hex, ALGORITHM included): all must match,
    // so a subject cannot carry a correct sha256 next to a sha512 of another file. Not serialized.
    QMap<QString, QString> digests;
    QStringList unsupportedAlgorithms; // named in the statement, not checked (reported as information)
};

struct SignerInfo {
    QString subject; // certificate subject DN, or "pinned key <label>"
    QString issuer;
    QString keyFingerprint; // SHA-256 of the SPKI, hex
    QString algorithm; // "ECDSA P-256 / SHA-256"
    QDateTime signingTime; // from the statement/predicate, tlog integrated time, or --at
    QString anchorLabel; // trust-store label of the anchor the chain ended at
    QString anchorRole; // "provider", "independent-meter", "auditor"
    QString anchorFingerprint; // SPKI fingerprint of that anchor (it identifies it where labels may repeat)
    QStringList anchorProviders; // the anchor's scope when verified: the providers it may speak for
    QString san; // certificate signers: subject alternative names (e-mail, URI), comma-separated
    QString oidcIssuer; // keyless (Fulcio) signers: the OIDC issuer extension of the certificate
    // What to show for the signer: the subject DN, else the SAN (keyless certificates have an empty subject).
    QString displayName() const;
    // Signatures of the envelope that no trust anchor's key verifies ("signatures[1] (keyid 'x')"): DSSE allows
    // extra signatures, but they are listed, never silently ignored. Serialized as Verdict "unverifiedSignatures".
    QStringList unverifiedSignatures;
};

struct Verdict {
    QString source; // path the bundle was read from
    QString bundleDigest; // SHA-256 over the envelope bytes and every data file (see docs/bundle-format.md)
    VerdictKind verdict = VerdictKind::Rejected;
    BundleKind kind = BundleKind::Unknown;
    QString predicateType;
    QList<Check> checks;
    QList<Subject> subjects;
    SignerInfo signer;
    QByteArray statement; // the verified payload bytes, exactly as signed
    // SHA-256 of the DSSE pre-authentication encoding of payloadType and payload: the signed statement itself,
    // independent of how the envelope encodes it (base64 dialect, signature encoding, extra signatures). Import uses
    // it to recognise a re-encoded envelope as evidence already present (docs/case-file.md).
    QString statementDigest;
    QJsonObject predicate; // parsed from STATEMENT, for display and importers
    QDateTime verifiedAt; // wall-clock time of this verification (not stored)
    // The instant certificate validity was judged at (--at, a signed log time, else verifiedAt). Stored with the
    // verdict, so verify-case re-verifies a case at the same instant years later (docs/case-file.md "verify-case").
    QDateTime validationTime;
    // Made by a verifier that left hashing the data/ files to the import (BundleVerifier::setDeferSubjectDigests):
    // these files' digests are the statement's claims until the import's reads confirm them. Not serialized.
    bool digestsDeferred = false;
    QMap<QString, QByteArray> unconfirmedSha256;

    // First failed check, for one-line summaries.
    const Check* firstFailure() const;
    // "rejected: signature.valid: signature does not match …"
    QString summary() const;
    QJsonObject toJson() const;
    static Verdict fromJson(const QJsonObject& json);
};

} // namespace capaudit

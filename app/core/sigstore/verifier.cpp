// SPDX-License-Identifier: GPL-3.0-or-later
#include "sigstore/verifier.h"

#include "crypto/chainvalidator.h"
#include "crypto/digest.h"
#include "crypto/signature.h"
#include "sigstore/artifactsignature.h"
#include "sigstore/fulcio.h"
#include "sigstore/timestamp.h"
#include "sigstore/tlog.h"
#include "util/timeutil.h"

namespace capaudit::sigstore {

namespace {

QString id(const char* checkId)
{
    return QString::fromLatin1(checkId);
}

bool bundleCarriesRoot(const SigstoreBundle& bundle)
{
    for (const crypto::Certificate& cert : bundle.certificates) {
        if (cert.isSelfIssued())
            return true;
    }
    return false;
}

// Per-entry checks, prefixed; returns whether the entry counts as verified and, if so, adds its integrated time.
bool verifyEntries(const SigstoreBundle& bundle, const TrustedRoot& trusted, const TlogExpectations& expected,
    SigstoreVerification& out)
{
    int verified = 0;
    for (qsizetype i = 0; i < bundle.tlogEntries.size(); ++i) {
        const TlogEntry& entry = bundle.tlogEntries.at(i);
        const QList<SigstoreCheck> checks = verifyTlogEntry(entry, trusted.tlogs, bundle, expected);
        const std::optional<QDateTime> signedTime = signedIntegratedTime(entry, checks);
        bool proven = false;
        for (SigstoreCheck check : checks) {
            if (check.passed()
                && (check.id == QLatin1String(tlogcheck::kCheckpoint)
                    || check.id == QLatin1String(tlogcheck::kPromise)))
                proven = true;
            check.id = QStringLiteral("tlog[%1].%2").arg(i).arg(check.id.mid(5)); // "tlog.x" -> "tlog[i].x"
            out.checks.append(check);
        }
        if (anyFailed(checks) || !proven)
            continue;
        ++verified;
        // Only a verified entry's *signed* integrated time is evidence of when the signature existed (sigstore-go
        // likewise ignores the time of an entry that has an inclusion proof but no promise).
        if (signedTime)
            out.verifiedTimes.append(*signedTime);
    }
    return verified > 0;
}

void verifyTimestamps(const SigstoreBundle& bundle, const TrustedRoot& trusted, SigstoreVerification& out)
{
    if (bundle.rfc3161Timestamps.isEmpty()) {
        out.checks.append(skipCheck(id(sigcheck::kTimestamp), QStringLiteral("no RFC 3161 timestamp in the bundle")));
        return;
    }
    QStringList verified;
    for (qsizetype i = 0; i < bundle.rfc3161Timestamps.size(); ++i) {
        const TimestampVerification ts = verifyRfc3161Timestamp(
            bundle.rfc3161Timestamps.at(i), bundle.signatureBytes(), trusted.timestampAuthorities);
        if (!ts.ok) {
            out.checks.append(
                failCheck(id(sigcheck::kTimestamp), QStringLiteral("timestamp %1: %2").arg(i).arg(ts.reason)));
            return;
        }
        out.verifiedTimes.append(ts.time);
        verified.append(QStringLiteral("%1 by %2").arg(formatTimestamp(ts.time), ts.authority));
    }
    out.checks.append(passCheck(id(sigcheck::kTimestamp), verified.join(QStringLiteral("; "))));
}

// Chain, CA window, leaf window, identity, issuer, SCT.
void verifyCertificate(
    const SigstoreBundle& bundle, const TrustedRoot& trusted, const SigstoreOptions& options, SigstoreVerification& out)
{
    const crypto::Certificate leaf = bundle.leafCertificate();
    const QDateTime at = out.verifiedTimes.first();
    const QList<crypto::Certificate> intermediates = bundle.certificates.mid(1);
    const CertificateAuthority* authority = nullptr;
    crypto::ChainResult chain;
    QStringList failures;
    for (const CertificateAuthority& ca : trusted.certificateAuthorities) {
        crypto::ChainValidator validator;
        validator.setAllowPartialChain(true);
        for (const crypto::Certificate& cert : ca.chain)
            validator.addRoot(cert);
        chain = validator.validate(leaf, intermediates, at);
        if (chain.ok()) {
            authority = &ca;
            break;
        }
        failures.append(QStringLiteral("%1: %2").arg(ca.uri, chain.reason));
    }
    if (!authority) {
        out.checks.append(failCheck(id(sigcheck::kChain),
            trusted.certificateAuthorities.isEmpty()
                ? QStringLiteral("the trusted root lists no certificate authority")
                : QStringLiteral("leaf '%1' does not chain to a trusted CA at %2 (%3)")
                      .arg(leaf.subject(), formatTimestamp(at), failures.join(QStringLiteral("; ")))));
    } else {
        out.checks.append(passCheck(id(sigcheck::kChain),
            QStringLiteral("chains to %1 (%2) at %3").arg(authority->uri, authority->subject, formatTimestamp(at))));
        QString outside;
        for (const QDateTime& time : std::as_const(out.verifiedTimes)) {
            if (!authority->validity.contains(time))
                outside = formatTimestamp(time);
        }
        out.checks.append(outside.isEmpty() ? passCheck(id(sigcheck::kCaValidity), authority->validity.toString())
                                            : failCheck(id(sigcheck::kCaValidity),
                                                QStringLiteral("signing time %1 is outside CA validity %2")
                                                    .arg(outside, authority->validity.toString())));
    }

    QString outside;
    for (const QDateTime& time : std::as_const(out.verifiedTimes)) {
        if (time < leaf.notBefore() || time > leaf.notAfter())
            outside = formatTimestamp(time);
    }
    const QString window =
        QStringLiteral("%1 .. %2").arg(formatTimestamp(leaf.notBefore()), formatTimestamp(leaf.notAfter()));
    out.checks.append(outside.isEmpty()
            ? passCheck(id(sigcheck::kCertValidity), window)
            : failCheck(id(sigcheck::kCertValidity),
                QStringLiteral("verified time %1 is outside the certificate's validity %2").arg(outside, window)));

    const QStringList sans = leaf.subjectAlternativeNames();
    out.signerIdentity = sans.value(0);
    out.signerIssuer = fulcioIssuer(leaf);
    if (options.expectedIdentity.isEmpty())
        out.checks.append(options.requireIdentity
                ? failCheck(id(sigcheck::kIdentity), QStringLiteral("no expected identity was given"))
                : skipCheck(id(sigcheck::kIdentity), QStringLiteral("identity not constrained")));
    else if (sans.contains(options.expectedIdentity))
        out.checks.append(passCheck(id(sigcheck::kIdentity), options.expectedIdentity));
    else
        out.checks.append(failCheck(id(sigcheck::kIdentity),
            QStringLiteral("certificate identity %1 is not %2")
                .arg(sans.join(QStringLiteral(", ")), options.expectedIdentity)));
    if (options.expectedIssuer.isEmpty())
        out.checks.append(options.requireIdentity
                ? failCheck(id(sigcheck::kIssuer), QStringLiteral("no expected OIDC issuer was given"))
                : skipCheck(id(sigcheck::kIssuer), QStringLiteral("issuer not constrained")));
    else if (out.signerIssuer == options.expectedIssuer)
        out.checks.append(passCheck(id(sigcheck::kIssuer), out.signerIssuer));
    else
        out.checks.append(failCheck(id(sigcheck::kIssuer),
            QStringLiteral("certificate issuer '%1' is not '%2'").arg(out.signerIssuer, options.expectedIssuer)));

    if (trusted.ctlogs.isEmpty() || !options.requireSct) {
        out.checks.append(
            skipCheck(id(sigcheck::kSct), QStringLiteral("SCTs not required (no CT log in the trusted root)")));
    } else if (!authority || chain.path.size() < 2) {
        out.checks.append(skipCheck(id(sigcheck::kSct), QStringLiteral("no validated issuer to check SCTs against")));
    } else {
        const SctVerification sct = verifyEmbeddedScts(leaf, chain.path.at(1), trusted.ctlogs);
        out.checks.append(
            sct.ok ? passCheck(id(sigcheck::kSct), sct.reason) : failCheck(id(sigcheck::kSct), sct.reason));
    }
}

} // namespace

SigstoreArtifact SigstoreArtifact::fromBytes(const QByteArray& data)
{
    return { data, crypto::sha256(data), true };
}

SigstoreArtifact SigstoreArtifact::fromSha256(const QByteArray& digest)
{
    return { {}, digest, false };
}

const SigstoreCheck* SigstoreVerification::firstFailure() const
{
    for (const SigstoreCheck& check : checks) {
        if (check.failed())
            return &check;
    }
    return nullptr;
}

QString SigstoreVerification::summary() const
{
    if (ok)
        return QStringLiteral("verified");
    const SigstoreCheck* failure = firstFailure();
    return failure ? QStringLiteral("failed: %1: %2").arg(failure->id, failure->reason) : QStringLiteral("failed");
}

SigstoreVerification verifySigstoreBundle(const SigstoreBundle& bundle, const TrustedRoot& trusted,
    const SigstoreArtifact& artifact, const SigstoreOptions& options)
{
    SigstoreVerification out;
    out.checks.append(passCheck(id(sigcheck::kFormat),
        QStringLiteral("Sigstore bundle v%1 with a %2")
            .arg(bundleVersionName(bundle.version),
                bundle.dsseEnvelope ? QStringLiteral("DSSE envelope") : QStringLiteral("message signature"))));
    const bool keyless = bundle.materialKind != MaterialKind::PublicKey;
    crypto::PublicKey signerKey;
    if (keyless) {
        const crypto::Certificate leaf = bundle.leafCertificate();
        if (leaf.isNull())
            out.checks.append(failCheck(id(sigcheck::kMaterial), QStringLiteral("no signing certificate")));
        else if (bundleCarriesRoot(bundle))
            out.checks.append(failCheck(id(sigcheck::kMaterial),
                QStringLiteral("the bundle's certificates include a self-signed root; "
                               "roots must come from the trusted root only")));
        else
            out.checks.append(passCheck(id(sigcheck::kMaterial),
                QStringLiteral("leaf certificate for %1")
                    .arg(leaf.subjectAlternativeNames().join(QStringLiteral(", ")))));
        if (!leaf.isNull())
            signerKey = leaf.publicKey();
        if (!options.pinnedKey.isNull()) {
            out.checks.append(signerKey == options.pinnedKey
                    ? passCheck(id(sigcheck::kKey), QStringLiteral("leaf key is the pinned key"))
                    : failCheck(id(sigcheck::kKey),
                        QStringLiteral("leaf key %1 is not the pinned key %2")
                            .arg(signerKey.fingerprint(), options.pinnedKey.fingerprint())));
        }
    } else if (options.pinnedKey.isNull()) {
        out.checks.append(failCheck(id(sigcheck::kKey),
            QStringLiteral("bundle is signed with a managed key (hint '%1') "
                           "but no verification key was given")
                .arg(bundle.publicKeyHint)));
    } else {
        signerKey = options.pinnedKey;
        out.signerIdentity = options.pinnedKey.fingerprint();
        out.checks.append(passCheck(id(sigcheck::kKey), QStringLiteral("pinned key %1").arg(signerKey.description())));
    }

    const SigstoreArtifact input =
        artifact.sha256.isEmpty() && artifact.hasBytes ? SigstoreArtifact::fromBytes(artifact.bytes) : artifact;
    out.checks.append(checkArtifactDigest(bundle, input));
    out.checks.append(signerKey.isNull() ? skipCheck(id(sigcheck::kSignature), QStringLiteral("no signer key"))
                                         : checkArtifactSignature(bundle, input, signerKey));

    verifyTimestamps(bundle, trusted, out);
    TlogExpectations expected;
    expected.artifactSha256 = bundle.messageSignature ? input.sha256 : QByteArray();
    expected.signerKey = signerKey;
    expected.now = options.now;
    expected.timestamps = out.verifiedTimes; // only TSA times so far
    const bool entryVerified = verifyEntries(bundle, trusted, expected, out);
    if (options.tlogThreshold > 0) {
        out.checks.append(entryVerified ? passCheck(id(sigcheck::kTlog), QStringLiteral("verified log entry present"))
                                        : failCheck(id(sigcheck::kTlog),
                                            QStringLiteral("no verified transparency-log entry (%1 in the bundle)")
                                                .arg(bundle.tlogEntries.size())));
    }

    if (out.verifiedTimes.isEmpty() && !keyless) {
        out.checks.append(
            skipCheck(id(sigcheck::kSigningTime), QStringLiteral("no verified signing time; a pinned key needs none")));
    } else if (out.verifiedTimes.isEmpty()) {
        out.checks.append(failCheck(id(sigcheck::kSigningTime),
            QStringLiteral("no verified signing time: neither a verified integrated time nor a "
                           "verified RFC 3161 timestamp")));
    } else {
        QStringList times;
        for (const QDateTime& time : std::as_const(out.verifiedTimes))
            times.append(formatTimestamp(time));
        out.checks.append(passCheck(id(sigcheck::kSigningTime), times.join(QStringLiteral(", "))));
        if (keyless && options.pinnedKey.isNull() && !bundle.leafCertificate().isNull())
            verifyCertificate(bundle, trusted, options, out);
    }
    out.ok = !anyFailed(out.checks);
    return out;
}

} // namespace capaudit::sigstore

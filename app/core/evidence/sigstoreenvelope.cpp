// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/sigstoreenvelope.h"

#include "crypto/digest.h"
#include "crypto/signature.h"
#include "evidence/dsse.h"
#include "sigstore/bundle.h"
#include "sigstore/tlog.h"
#include "util/timeutil.h"

#include <QTimeZone>

namespace capaudit {

namespace {

const QString kTitleEnvelope = QStringLiteral("Envelope format");
const QString kTitleTlog = QStringLiteral("Transparency log inclusion");

QList<sigstore::LogKey> logKeysOf(const TrustStore& trust)
{
    QList<sigstore::LogKey> keys;
    for (const TrustAnchor& a : trust.anchors()) {
        if (a.kind != TrustAnchor::Kind::LogKey)
            continue;
        auto key = crypto::PublicKey::fromPem(a.content);
        if (!key)
            continue;
        sigstore::LogKey log;
        log.key = *key;
        log.logId = crypto::sha256(key->spkiDer());
        log.origin = a.origin;
        log.validity.start = a.notBefore.isValid() ? a.notBefore : QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        keys.append(log);
    }
    return keys;
}

// The log's body names the signer's key, so the cross-check must use the pinned key whose signature verified — not
// whichever pinned key the trust store happens to list last (a store with two pinned keys would reject every bundle
// signed by the other one). Null when no pinned key verifies: the signature check then rejects the bundle anyway.
crypto::PublicKey pinnedKeyThatSigned(const DsseEnvelope& envelope, const TrustStore& trust)
{
    const QByteArray pae = dssePae(envelope.payloadType, envelope.payload);
    for (const TrustAnchor& a : trust.anchors()) {
        if (a.kind != TrustAnchor::Kind::PinnedKey)
            continue;
        auto key = crypto::PublicKey::fromPem(a.content);
        if (!key)
            continue;
        for (const DsseSignature& s : envelope.signatures)
            if (crypto::verifySignature(*key, pae, s.signature).ok())
                return *key;
    }
    return {};
}

void checkTlogEntries(
    const sigstore::SigstoreBundle& bundle, const TrustStore& trust, SignerEvidence& evidence, VerificationRun& run)
{
    if (bundle.tlogEntries.isEmpty()) {
        run.skip(
            checks::kTransparency, kTitleTlog, QStringLiteral("the Sigstore bundle has no transparency-log entry"));
        return;
    }
    const QList<sigstore::LogKey> logs = logKeysOf(trust);
    sigstore::TlogExpectations expected;
    if (evidence.chain.isEmpty())
        expected.signerKey = pinnedKeyThatSigned(evidence.envelope, trust);
    for (const sigstore::TlogEntry& entry : bundle.tlogEntries) {
        const QList<sigstore::SigstoreCheck> results = sigstore::verifyTlogEntry(entry, logs, bundle, expected);
        QStringList failures;
        bool unknownLog = false;
        for (const sigstore::SigstoreCheck& c : results) {
            if (!c.failed())
                continue;
            failures.append(c.id + QStringLiteral(": ") + c.reason);
            unknownLog = unknownLog || c.id == QLatin1String(sigstore::tlogcheck::kLog);
        }
        if (failures.isEmpty()) {
            const std::optional<QDateTime> signedTime = sigstore::signedIntegratedTime(entry, results);
            QString time;
            if (signedTime) {
                evidence.loggedTime = *signedTime;
                time = QStringLiteral(", integrated %1 (signed by the inclusion promise)")
                           .arg(formatTimestamp(*signedTime));
            } else if (entry.integratedTime) {
                // Shown as what it is: a claim. Nothing signs it, so it must not revive an expired certificate.
                time = QStringLiteral("; its integratedTime %1 is not covered by an inclusion promise and is not used")
                           .arg(formatTimestamp(QDateTime::fromSecsSinceEpoch(*entry.integratedTime, Qt::UTC)));
            }
            run.pass(checks::kTransparency, kTitleTlog,
                QStringLiteral("entry %1 (%2) verified against a trusted log key%3")
                    .arg(entry.logIndex)
                    .arg(entry.kind, time));
            return;
        }
        const bool onlyUnknown = unknownLog && logs.isEmpty();
        run.fail(checks::kTransparency, kTitleTlog, failures.join(QStringLiteral("; ")),
            onlyUnknown ? QStringLiteral("add the log's public key to the trust store with role transparency-log")
                        : QString(),
            onlyUnknown ? VerificationRun::Severity::TrustGap : VerificationRun::Severity::Rejects);
        return;
    }
}

} // namespace

bool readSigstoreEnvelope(
    const QByteArray& json, const TrustStore& trust, SignerEvidence& evidence, VerificationRun& run)
{
    auto bundle = sigstore::parseSigstoreBundle(json, QStringLiteral("envelope.sigstore.json"));
    if (!bundle) {
        run.fail(checks::kEnvelope, kTitleEnvelope, bundle.error().toString(),
            QStringLiteral("the file is not a valid Sigstore bundle (v0.1-v0.3)"));
        return false;
    }
    if (!bundle->dsseEnvelope) {
        run.fail(checks::kEnvelope, kTitleEnvelope,
            QStringLiteral("the Sigstore bundle holds a message signature, not a DSSE envelope: it carries no "
                           "in-toto statement of the payload files"),
            QStringLiteral("sign the bundle's statement as DSSE (cosign attest-blob / capaudit-cli bundle create)"));
        return false;
    }
    const sigstore::DsseEnvelope& dsse = *bundle->dsseEnvelope;
    evidence.envelope.payload = dsse.payload;
    evidence.envelope.payloadType = dsse.payloadType;
    for (const sigstore::DsseSignature& s : dsse.signatures)
        evidence.envelope.signatures.append({ {}, s.sig }); // Sigstore keyids are hints for its own key lookup
    if (bundle->materialKind != sigstore::MaterialKind::PublicKey)
        evidence.chain = bundle->certificates;
    checkTlogEntries(*bundle, trust, evidence, run);
    return true;
}

} // namespace capaudit

// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/signerverification.h"

#include "crypto/chainvalidator.h"
#include "crypto/signature.h"
#include "util/timeutil.h"

namespace capaudit {

namespace {

const QString kTitleSignature = QStringLiteral("Signature matches");
const QString kTitleAlgorithm = QStringLiteral("Algorithm allowed");
const QString kTitleChain = QStringLiteral("Certificate chain");
const QString kTitleValidity = QStringLiteral("Certificate validity");
const QString kTitleRevocation = QStringLiteral("Revocation");
const QString kTitleTrust = QStringLiteral("Signer is trusted");

struct SignatureMatch {
    crypto::SignatureResult result;
    bool matched = false;
};

// Any one signature of the envelope verifying with KEY is enough (DSSE allows several signers; we need one).
SignatureMatch verifyEnvelope(const DsseEnvelope& envelope, const crypto::PublicKey& key)
{
    const QByteArray pae = dssePae(envelope.payloadType, envelope.payload);
    const QByteArray fingerprint = key.fingerprint().toLatin1();
    SignatureMatch best;
    for (const DsseSignature& s : envelope.signatures) {
        // keyid is not signed. CapAudit writes the key's SPKI fingerprint there and accepts nothing else, so that no
        // byte of the envelope can change unnoticed; it never selects a key by it.
        if (!s.keyId.isEmpty() && s.keyId != fingerprint) {
            if (best.result.reason.isEmpty())
                best.result = { crypto::SignatureOutcome::Mismatch, key.description(),
                    QStringLiteral("the signature's keyid '%1' is not this key's fingerprint")
                        .arg(QString::fromUtf8(s.keyId)) };
            continue;
        }
        crypto::SignatureResult r = crypto::verifySignature(key, pae, s.signature);
        if (r.ok())
            return { r, true };
        // Keep the most informative failure: a malformed or weak one says more than a plain mismatch.
        if (best.result.reason.isEmpty() || r.outcome != crypto::SignatureOutcome::Mismatch)
            best.result = r;
    }
    return best;
}

// Signatures of ENVELOPE that none of KEYS verifies, named by index and keyid (DSSE permits extra signatures; an
// auditor still sees them listed in the verdict instead of having them silently ignored).
QStringList unverifiedSignatures(const DsseEnvelope& envelope, const QList<crypto::PublicKey>& keys)
{
    const QByteArray pae = dssePae(envelope.payloadType, envelope.payload);
    QStringList out;
    for (qsizetype i = 0; i < envelope.signatures.size(); ++i) {
        const DsseSignature& s = envelope.signatures[i];
        const bool verified = std::any_of(keys.begin(), keys.end(), [&](const crypto::PublicKey& key) {
            return (s.keyId.isEmpty() || s.keyId == key.fingerprint().toLatin1())
                && crypto::verifySignature(key, pae, s.signature).ok();
        });
        if (!verified)
            out.append(s.keyId.isEmpty()
                    ? QStringLiteral("signatures[%1]").arg(i)
                    : QStringLiteral("signatures[%1] (keyid '%2')").arg(i).arg(QString::fromUtf8(s.keyId)));
    }
    return out;
}

QString unverifiedNote(const QStringList& unverified)
{
    return unverified.isEmpty() ? QString()
                                : QStringLiteral("; no trust anchor verifies %1 other signature(s): %2")
                                      .arg(unverified.size())
                                      .arg(unverified.join(QStringLiteral(", ")));
}

// A time inside every certificate's validity window, used to judge the chain's structure separately from dates.
QDateTime timeInsideAllWindows(const QList<crypto::Certificate>& certs)
{
    QDateTime t;
    for (const crypto::Certificate& c : certs)
        if (!t.isValid() || c.notBefore() > t)
            t = c.notBefore();
    return t.addSecs(1);
}

void verifyPinnedKeySigner(
    const SignerEvidence& evidence, const TrustStore& trust, VerificationRun& run, SignerInfo& signer)
{
    run.skip(checks::kChain, kTitleChain, QStringLiteral("no certificate chain in the bundle: pinned-key signer"));
    run.skip(checks::kValidity, kTitleValidity, QStringLiteral("pinned keys have no validity period"));
    run.skip(checks::kRevocation, kTitleRevocation, QStringLiteral("pinned keys are revoked by removing them"));
    int candidates = 0;
    QString weak;
    QList<crypto::PublicKey> pinnedKeys;
    for (const TrustAnchor& anchor : trust.anchors())
        if (anchor.kind == TrustAnchor::Kind::PinnedKey)
            if (auto key = crypto::PublicKey::fromPem(anchor.content))
                pinnedKeys.append(*key);
    signer.unverifiedSignatures = unverifiedSignatures(evidence.envelope, pinnedKeys);
    for (const TrustAnchor& anchor : trust.anchors()) {
        if (anchor.kind != TrustAnchor::Kind::PinnedKey)
            continue;
        ++candidates;
        auto key = crypto::PublicKey::fromPem(anchor.content);
        if (!key)
            continue;
        const SignatureMatch m = verifyEnvelope(evidence.envelope, *key);
        if (m.result.outcome == crypto::SignatureOutcome::WeakAlgorithm)
            weak = QStringLiteral("pinned key '%1': %2").arg(anchor.label, m.result.reason);
        if (!m.matched)
            continue;
        run.pass(checks::kAlgorithm, kTitleAlgorithm, m.result.algorithm);
        run.pass(checks::kSignature, kTitleSignature,
            QStringLiteral("signature verifies with pinned key '%1'").arg(anchor.label)
                + unverifiedNote(signer.unverifiedSignatures));
        run.pass(checks::kTrust, kTitleTrust,
            QStringLiteral("pinned key '%1' (%2)")
                .arg(anchor.label, anchor.role.isEmpty() ? QStringLiteral("no role") : anchor.role));
        signer.subject = QStringLiteral("pinned key '%1'").arg(anchor.label);
        signer.keyFingerprint = key->fingerprint();
        signer.algorithm = m.result.algorithm;
        signer.anchorLabel = anchor.label;
        signer.anchorRole = anchor.role;
        signer.anchorFingerprint = anchor.fingerprint;
        return;
    }
    if (weak.isEmpty())
        run.skip(checks::kAlgorithm, kTitleAlgorithm, QStringLiteral("no key known to check"));
    else
        run.fail(checks::kAlgorithm, kTitleAlgorithm, weak,
            QStringLiteral("ask the provider to re-sign with ECDSA P-256/P-384, Ed25519 or RSA of 2048 bits or more"));
    run.fail(checks::kSignature, kTitleSignature,
        candidates == 0
            ? QStringLiteral("the bundle has no certificate chain and the trust store has no pinned keys, so no key "
                             "can check the signature")
            : QStringLiteral("none of the %1 pinned keys in the trust store verifies the signature: the bundle was "
                             "signed by another key, or its envelope was changed")
                  .arg(candidates),
        QStringLiteral("if the signer is legitimate, add its public key: capaudit-cli trust add CASE KEY.pub "
                       "--label NAME --role provider"));
    run.fail(checks::kTrust, kTitleTrust, QStringLiteral("signer unknown"), {}, VerificationRun::Severity::TrustGap);
}

// certs/chain.pem is not signed. Each certificate must carry a valid signature of the next one (or of a trust root
// named by its issuer or authority key id); otherwise a certificate was altered, which is a rejection, unlike a chain
// that simply ends at an unknown CA.
QString brokenChainLink(const QList<crypto::Certificate>& chain, const TrustStore& trust)
{
    const QList<crypto::Certificate> roots = trust.rootCertificates();
    for (qsizetype i = 0; i < chain.size(); ++i) {
        const crypto::Certificate& cert = chain[i];
        if (i + 1 < chain.size()) {
            const crypto::Certificate& next = chain[i + 1];
            if (cert.issuer() != next.subject())
                return QStringLiteral("certificate %1 '%2' names issuer '%3', but the next certificate in "
                                      "certs/chain.pem is '%4'")
                    .arg(i)
                    .arg(cert.subject(), cert.issuer(), next.subject());
            if (!cert.isSignedBy(next.publicKey()))
                return QStringLiteral("certificate %1 '%2' is not validly signed by '%3': the certificate was altered")
                    .arg(i)
                    .arg(cert.subject(), next.subject());
            continue;
        }
        if (cert.isSelfIssued())
            continue;
        // Candidate anchors are chosen by key identifier first (AKI = SKI), by issuer name only when no anchor has
        // that key id. A CA key rollover leaves two anchors with one name: the certificate is altered only when NO
        // candidate verifies its signature, never because one same-named anchor holds another key.
        QList<crypto::Certificate> candidates;
        for (const crypto::Certificate& root : roots)
            if (!cert.authorityKeyId().isEmpty() && root.subjectKeyId() == cert.authorityKeyId())
                candidates.append(root);
        if (candidates.isEmpty())
            for (const crypto::Certificate& root : roots)
                if (root.subject() == cert.issuer())
                    candidates.append(root);
        if (candidates.isEmpty())
            continue; // no anchor for it: the chain validator reports an untrusted root, not an alteration
        const bool verifies = std::any_of(candidates.begin(), candidates.end(),
            [&](const crypto::Certificate& root) { return cert.isSignedBy(root.publicKey()); });
        if (!verifies)
            return QStringLiteral("certificate %1 '%2' is not validly signed by any of the %3 trust anchor(s) it names "
                                  "('%4'): the certificate was altered")
                .arg(i)
                .arg(cert.subject())
                .arg(candidates.size())
                .arg(candidates.first().subject());
    }
    return {};
}

void reportChain(const crypto::ChainResult& chain, const TrustStore& trust, VerificationRun& run, SignerInfo& signer)
{
    using crypto::ChainFailure;
    if (chain.ok() || chain.failure == ChainFailure::Revoked || chain.failure == ChainFailure::Expired
        || chain.failure == ChainFailure::NotYetValid) {
        // Structure is sound; the anchor is the last certificate of the path.
        const crypto::Certificate root = chain.path.isEmpty() ? crypto::Certificate() : chain.path.last();
        const TrustAnchor* anchor = root.isNull() ? nullptr : trust.anchorForCertificate(root);
        run.pass(checks::kChain, kTitleChain,
            QStringLiteral("%1 certificate(s) chain to '%2'").arg(chain.path.size()).arg(root.subject()));
        if (anchor) {
            signer.anchorLabel = anchor->label;
            signer.anchorRole = anchor->role;
            signer.anchorFingerprint = anchor->fingerprint;
            run.pass(checks::kTrust, kTitleTrust,
                QStringLiteral("anchor '%1' (%2)")
                    .arg(anchor->label, anchor->role.isEmpty() ? QStringLiteral("no role") : anchor->role));
        } else {
            run.pass(checks::kTrust, kTitleTrust, QStringLiteral("chain ends at a trusted certificate"));
        }
        return;
    }
    if (chain.failure == ChainFailure::UntrustedRoot) {
        run.fail(checks::kChain, kTitleChain, QStringLiteral("untrusted root: ") + chain.reason, chain.hint,
            VerificationRun::Severity::TrustGap);
        run.fail(checks::kTrust, kTitleTrust, QStringLiteral("the signer's issuing CA is not in the trust store"),
            chain.hint, VerificationRun::Severity::TrustGap);
        return;
    }
    run.fail(checks::kChain, kTitleChain, chain.reason, chain.hint);
    run.fail(checks::kTrust, kTitleTrust, QStringLiteral("no valid chain to a trust anchor"), {},
        VerificationRun::Severity::TrustGap);
}

void verifyCertificateSigner(const SignerEvidence& evidence, const TrustStore& trust, const QDateTime& at,
    VerificationRun& run, SignerInfo& signer)
{
    const crypto::Certificate& leaf = evidence.chain.first();
    const crypto::PublicKey key = leaf.publicKey();
    signer.subject = leaf.subject();
    signer.issuer = leaf.issuer();
    signer.keyFingerprint = key.fingerprint();

    const crypto::SignatureResult policy = crypto::checkKeyPolicy(key);
    if (policy.outcome == crypto::SignatureOutcome::WeakAlgorithm
        || policy.outcome == crypto::SignatureOutcome::Unsupported)
        run.fail(checks::kAlgorithm, kTitleAlgorithm, policy.reason,
            QStringLiteral("ask the provider to re-sign with ECDSA P-256/P-384, Ed25519 or RSA of 2048 bits or more"));
    const SignatureMatch m = verifyEnvelope(evidence.envelope, key);
    signer.algorithm = m.result.algorithm;
    signer.unverifiedSignatures = unverifiedSignatures(evidence.envelope, { key });
    if (policy.ok() || policy.outcome == crypto::SignatureOutcome::Mismatch)
        run.pass(
            checks::kAlgorithm, kTitleAlgorithm, m.result.algorithm.isEmpty() ? key.description() : m.result.algorithm);
    if (m.matched)
        run.pass(checks::kSignature, kTitleSignature,
            QStringLiteral("signature verifies with the key of '%1'").arg(leaf.subject())
                + unverifiedNote(signer.unverifiedSignatures));
    else
        run.fail(checks::kSignature, kTitleSignature,
            QStringLiteral("signature does not match: ") + m.result.reason
                + QStringLiteral(" (the envelope or its signature was changed, or another key signed it)"),
            QStringLiteral("obtain the original bundle from the provider; a changed envelope cannot be repaired"));

    if (const QString broken = brokenChainLink(evidence.chain, trust); !broken.isEmpty()) {
        run.fail(checks::kChain, kTitleChain, broken,
            QStringLiteral("obtain the original certificate chain from the provider"));
        run.fail(checks::kTrust, kTitleTrust, QStringLiteral("no valid chain to a trust anchor"), {},
            VerificationRun::Severity::TrustGap);
        return;
    }
    crypto::ChainValidator validator;
    validator.setAllowPartialChain(true);
    for (const crypto::Certificate& root : trust.rootCertificates())
        validator.addRoot(root);
    for (const crypto::RevocationList& crl : trust.revocationLists())
        validator.addRevocationList(crl);
    const QList<crypto::Certificate> intermediates = evidence.chain.mid(1);
    const crypto::ChainResult atTime = validator.validate(leaf, intermediates, at);

    using crypto::ChainFailure;
    if (atTime.failure == ChainFailure::Expired || atTime.failure == ChainFailure::NotYetValid) {
        run.fail(checks::kValidity, kTitleValidity, atTime.reason, atTime.hint);
        // Judge the structure at an instant where the dates hold, so "expired" is not mistaken for "untrusted".
        reportChain(validator.validate(leaf, intermediates, timeInsideAllWindows(evidence.chain)), trust, run, signer);
        run.skip(checks::kRevocation, kTitleRevocation, QStringLiteral("not judged: certificate outside validity"));
        return;
    }
    if (evidence.claimedSigningTime.isValid()
        && (evidence.claimedSigningTime < leaf.notBefore() || evidence.claimedSigningTime > leaf.notAfter()))
        run.fail(checks::kValidity, kTitleValidity,
            QStringLiteral("the statement claims signing at %1, outside the signer certificate's validity %2 .. %3")
                .arg(formatTimestamp(evidence.claimedSigningTime), formatTimestamp(leaf.notBefore()),
                    formatTimestamp(leaf.notAfter())),
            QStringLiteral("a certificate cannot sign outside its validity: treat this bundle as unsigned"));
    else if (atTime.failure != ChainFailure::UntrustedRoot)
        run.pass(
            checks::kValidity, kTitleValidity, QStringLiteral("certificates valid at %1").arg(formatTimestamp(at)));
    else
        run.skip(checks::kValidity, kTitleValidity, QStringLiteral("not judged: no path to a trust anchor"));

    if (atTime.failure == ChainFailure::Revoked || atTime.failure == ChainFailure::CrlProblem)
        run.fail(checks::kRevocation, kTitleRevocation, atTime.reason, atTime.hint);
    else if (trust.revocationLists().isEmpty())
        run.skip(checks::kRevocation, kTitleRevocation, QStringLiteral("the trust store holds no CRLs"));
    else if (atTime.ok())
        run.pass(checks::kRevocation, kTitleRevocation, QStringLiteral("not revoked by the trust store's CRLs"));
    else
        run.skip(checks::kRevocation, kTitleRevocation, QStringLiteral("not judged: chain did not validate"));
    reportChain(atTime, trust, run, signer);
}

} // namespace

void verifySigner(const SignerEvidence& evidence, const TrustStore& trust, const QDateTime& at, VerificationRun& run,
    SignerInfo& signer)
{
    signer.signingTime = evidence.loggedTime.isValid() ? evidence.loggedTime : evidence.claimedSigningTime;
    if (evidence.envelope.signatures.isEmpty()) {
        run.fail(checks::kSignaturePresent, QStringLiteral("Signature present"),
            QStringLiteral("no signature: the envelope's signature list is empty"),
            QStringLiteral("the provider must sign the bundle (capaudit-cli bundle create --key ...)"));
        return;
    }
    run.pass(checks::kSignaturePresent, QStringLiteral("Signature present"),
        QStringLiteral("%1 signature(s)").arg(evidence.envelope.signatures.size()));
    if (evidence.chain.isEmpty())
        verifyPinnedKeySigner(evidence, trust, run, signer);
    else
        verifyCertificateSigner(evidence, trust, at, run, signer);
}

} // namespace capaudit

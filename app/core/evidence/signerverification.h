// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/certificate.h"
#include "evidence/dsse.h"
#include "evidence/truststore.h"
#include "evidence/verificationrun.h"

#include <QDateTime>

namespace capaudit {

// What the verifier knows about who signed, gathered from the envelope and bundle.
struct SignerEvidence {
    DsseEnvelope envelope;
    QList<crypto::Certificate> chain; // signer first; empty for pinned-key signers
    QDateTime claimedSigningTime; // predicate "signedAt" (the signer's own claim)
    QDateTime loggedTime; // transparency-log integration time, when a proof verified
};

// Signature, algorithm policy, certificate chain, validity, revocation and trust checks.
// AT: the instant certificates must be valid at (already resolved from --at, log time or now).
void verifySigner(const SignerEvidence& evidence, const TrustStore& trust, const QDateTime& at, VerificationRun& run,
    SignerInfo& signer);

} // namespace capaudit

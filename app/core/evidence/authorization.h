// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/certificate.h"
#include "evidence/truststore.h"
#include "evidence/verdict.h"
#include "evidence/verificationrun.h"

namespace capaudit {

// Who may say what (docs/bundle-format.md "Authorization"). A trusted signature proves who signed; this decides
// whether that signer may make the statement's claim:
//   telemetry, meter "provider" (or absent), billing, attestation: the anchor's role is "provider" and the
//     predicate's provider is in the anchor's scope;
//   telemetry, meter "independent": the anchor's role is "independent-meter" and the metered provider is in its scope;
//   "auditor" and "transparency-log" anchors (and anchors without a role) authorize no evidence;
//   an anchor that pins a keyless identity authorizes only leaf certificates carrying that SAN and OIDC issuer.
// Records the signer.authorized check: skipped when the signer is not a trust anchor or the statement is unreadable
// (the verdict already says so), else pass or a rejecting failure naming anchor, role, scope and claim, with the
// `trust add` that would authorize it. Fills SIGNER's anchor scope; CHAIN is the signer's chain (empty: pinned key).
void checkAuthorization(
    Verdict& verdict, const QList<crypto::Certificate>& chain, const TrustStore& trust, VerificationRun& run);

// Keyless identity of a certificate signer: its e-mail and URI subject alternative names and the Fulcio OIDC issuer.
void recordSignerIdentity(const crypto::Certificate& leaf, SignerInfo& signer);
QStringList identitySans(const crypto::Certificate& leaf); // e-mail and URI SANs only (never DNS names)

// The meter a stored bundle is taken to have: "independent" only when the statement says so AND the verdict is
// verified with an independent-meter anchor (so signer.authorized passed); everything else, including an untrusted
// bundle that claims to be independent, is "provider" telemetry: the claim is not believed on its own.
QString authorizedMeter(const QString& claimedMeter, const Verdict& verdict);

} // namespace capaudit

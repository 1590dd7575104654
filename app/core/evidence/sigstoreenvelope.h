// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/signerverification.h"
#include "evidence/truststore.h"

namespace capaudit {

// Reads envelope.sigstore.json (Sigstore bundle v0.1-v0.3) into the signer evidence CapAudit verifies: the DSSE
// envelope, and the certificate chain or pinned-key hint of its verification material. Trust still comes from the
// CapAudit trust store, never from the bundle: transparency-log entries are checked against the store's log keys
// and recorded as the tlog.inclusion check (with the integration time as the logged signing time).
// Returns false after recording a failed check that makes further verification meaningless.
bool readSigstoreEnvelope(
    const QByteArray& json, const TrustStore& trust, SignerEvidence& evidence, VerificationRun& run);

} // namespace capaudit

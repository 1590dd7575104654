// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/signerverification.h"

namespace capaudit {

// Reads envelope.sigstore.json (Sigstore bundle v0.1-v0.3) into the signer evidence CapAudit verifies: the DSSE
// envelope, and the certificate chain or pinned-key hint of its verification material. Trust still comes from the
// CapAudit trust store, never from the bundle. Returns false after recording a failed check.
bool readSigstoreEnvelope(const QByteArray& json, SignerEvidence& evidence, VerificationRun& run);

} // namespace capaudit

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sigstore/bundle.h"
#include "sigstore/check.h"
#include "sigstore/verifier.h"

namespace capaudit::sigstore {

// messageDigest equals the artifact's digest, or (DSSE in-toto) a statement subject carries the artifact's sha256.
SigstoreCheck checkArtifactDigest(const SigstoreBundle& bundle, const SigstoreArtifact& artifact);

// The message signature over the artifact (pre-hashed when only the digest is known), or the DSSE signature over
// PAE(payloadType, payload).
SigstoreCheck checkArtifactSignature(
    const SigstoreBundle& bundle, const SigstoreArtifact& artifact, const crypto::PublicKey& key);

} // namespace capaudit::sigstore

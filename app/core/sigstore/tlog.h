// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/publickey.h"
#include "sigstore/bundle.h"
#include "sigstore/check.h"
#include "sigstore/trustedroot.h"

#include <QDateTime>

#include <optional>

namespace capaudit::sigstore {

// What a transparency-log entry must agree with, beyond the bundle itself.
struct TlogExpectations {
    // SHA-256 of the artifact as computed by the caller. Empty: the bundle's messageDigest hint is used
    // (it is unauthenticated, so pass the real digest whenever the artifact is at hand).
    QByteArray artifactSha256;
    // The signer's key for bundles that carry only a public-key hint. Null: the leaf certificate's key.
    crypto::PublicKey signerKey;
    // "Now" for the not-in-the-future check; invalid means the current time.
    QDateTime now;
    // Verified RFC 3161 times: an entry without an integrated time (Rekor v2) needs its log key valid at these.
    QList<QDateTime> timestamps;
};

// Check ids produced for one entry (the caller may prefix them, e.g. "tlog[1].inclusion").
namespace tlogcheck {
inline constexpr auto kLog = "tlog.log"; // entry's log id is a trusted log, key usable, time inside its validity
inline constexpr auto kBody = "tlog.body"; // canonicalizedBody describes this bundle's signature, key and digest
inline constexpr auto kInclusion = "tlog.inclusion"; // RFC 9162 inclusion proof (proof's log index)
inline constexpr auto kCheckpoint = "tlog.checkpoint"; // signed note by the log key, same size and root
inline constexpr auto kPromise = "tlog.set"; // signed entry timestamp over {body, integratedTime, logID, logIndex}
inline constexpr auto kTime = "tlog.time"; // integrated time not in the future
} // namespace tlogcheck

// Verifies one entry against the trusted LOGS (found by log id): all of the checks above. A v0.1 bundle needs an
// inclusion promise or proof; v0.2 and later need the inclusion proof with a checkpoint.
QList<SigstoreCheck> verifyTlogEntry(const TlogEntry& entry, const QList<LogKey>& logs, const SigstoreBundle& bundle,
    const TlogExpectations& expected = {});

// The entry's integrated time when a signature covers it: only a verified inclusion promise (SET) signs it. An
// inclusion proof with a checkpoint proves the entry is in the log, not when it got there, so an integrated time that
// comes without a verified promise is a claim of whoever wrote the bundle and must never serve as a validation time.
// CHECKS: what verifyTlogEntry returned for ENTRY (ids unprefixed).
std::optional<QDateTime> signedIntegratedTime(const TlogEntry& entry, const QList<SigstoreCheck>& checks);

// The canonical JSON the inclusion promise signs (Rekor v1 SET), exposed for tests and demo logs.
QByteArray signedEntryTimestampPayload(const TlogEntry& entry);

// Cross-checks the entry's canonicalizedBody (hashedrekord 0.0.1/0.0.2, dsse 0.0.1, intoto 0.0.2) with the bundle.
SigstoreCheck checkEntryBody(const TlogEntry& entry, const SigstoreBundle& bundle, const TlogExpectations& expected);

} // namespace capaudit::sigstore

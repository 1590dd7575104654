// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/truststore.h"

namespace capaudit {

// The trust anchors a Sigstore trusted root (trusted_root.json) contributes to a CapAudit trust store:
//   every certificate of every Fulcio CA chain -> a root-certificate anchor with ROLE, PROVIDERS and IDENTITY (a
//     Fulcio CA vouches for keyless signers of any identity, so without a provider scope it authorizes nothing);
//   every Rekor transparency-log key -> a log-key anchor (role transparency-log) with the log's origin.
// CT logs and timestamp authorities are not used by the bundle verifier; NOTES says what was left out and why.
struct TrustedRootImport {
    QList<TrustAnchor> anchors;
    QStringList notes;
};
Result<TrustedRootImport> anchorsFromTrustedRoot(const QByteArray& json, const QString& fileName, const QString& role,
    const QStringList& providers, const SignerIdentity& identity);

} // namespace capaudit

// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/sigstoreenvelope.h"

namespace capaudit {

bool readSigstoreEnvelope(const QByteArray& json, SignerEvidence& evidence, VerificationRun& run)
{
    Q_UNUSED(json)
    Q_UNUSED(evidence)
    run.fail(checks::kEnvelope, QStringLiteral("Envelope format"),
             QStringLiteral("envelope.sigstore.json support is being integrated"));
    return false;
}

} // namespace capaudit

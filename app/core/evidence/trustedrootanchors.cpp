// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/trustedrootanchors.h"

#include "sigstore/trustedroot.h"

#include <QSet>

namespace capaudit {

Result<TrustedRootImport> anchorsFromTrustedRoot(const QByteArray& json, const QString& fileName, const QString& role,
    const QStringList& providers, const SignerIdentity& identity)
{
    auto root = sigstore::parseTrustedRoot(json, fileName);
    if (!root)
        return root.error();
    TrustedRootImport out;
    QSet<QString> seen;
    for (const sigstore::CertificateAuthority& ca : root->certificateAuthorities) {
        for (const crypto::Certificate& cert : ca.chain) {
            const QString fingerprint = cert.publicKey().fingerprint();
            if (seen.contains(fingerprint))
                continue; // CAs of one operator share their root
            seen.insert(fingerprint);
            const QString name = QStringLiteral("fulcio-%1.pem").arg(fingerprint.left(16));
            const QString label = QStringLiteral("Fulcio CA %1 (%2)").arg(cert.subject(), ca.uri);
            auto anchor = TrustStore::anchorFromBytes(name, cert.toPem(), label, role);
            if (!anchor)
                return anchor.error();
            anchor->providers = providers;
            anchor->identity = identity;
            if (Status s = TrustStore::checkScope(*anchor, fileName, QStringLiteral("certificateAuthorities")); !s)
                return s.error();
            out.anchors.append(*anchor);
        }
    }
    for (const sigstore::LogKey& log : root->tlogs) {
        if (log.key.isNull()) {
            out.notes.append(QStringLiteral("transparency log %1 left out: %2").arg(log.baseUrl, log.keyProblem));
            continue;
        }
        const QString name = QStringLiteral("rekor-%1.pub").arg(QString::fromLatin1(log.logId.toHex().left(16)));
        const QString label = QStringLiteral("Rekor log %1").arg(log.baseUrl);
        auto anchor = TrustStore::anchorFromBytes(
            name, log.key.toPem(), label, QLatin1String(roles::kTransparencyLog), log.origin);
        if (!anchor)
            return anchor.error();
        out.anchors.append(*anchor);
    }
    if (!root->ctlogs.isEmpty())
        out.notes.append(QStringLiteral("%1 certificate-transparency log key(s) not imported: the bundle verifier "
                                        "does not check SCTs")
                             .arg(root->ctlogs.size()));
    if (!root->timestampAuthorities.isEmpty())
        out.notes.append(QStringLiteral("%1 timestamp authorit(ies) not imported: CapAudit takes signing time only "
                                        "from its transparency log, a Rekor promise or --at")
                             .arg(root->timestampAuthorities.size()));
    if (out.anchors.isEmpty())
        return Error(fileName, QStringLiteral("the trusted root holds no certificate authority or log key"));
    return out;
}

} // namespace capaudit

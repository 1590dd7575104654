// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/truststore.h"

namespace capaudit {

// What a file offered as a trust anchor is, judged from its content (not its name), so the auditor sees it before
// it is added: a bundle signer's certificate is a leaf, and trusting it as if it were a root CA is a mistake that
// used to pass silently (issue 16).
enum class AnchorFileKind {
    RootCertificate,
    IntermediateCertificate,
    LeafCertificate,
    PublicKey,
    RevocationList,
    Unknown
};

struct AnchorFileInfo {
    AnchorFileKind kind = AnchorFileKind::Unknown;
    QString subject; // certificate subject, CRL issuer, key description
    QString fingerprint; // SHA-256 of the SPKI (certificates, keys)
    QString problem; // Unknown: why the content was not recognised
    bool isCertificate() const
    {
        return kind == AnchorFileKind::RootCertificate || kind == AnchorFileKind::IntermediateCertificate
            || kind == AnchorFileKind::LeafCertificate;
    }
};

AnchorFileInfo classifyAnchorContent(const QByteArray& content);
Result<AnchorFileInfo> classifyAnchorFile(const QString& path);
// "root", "intermediate", "leaf", "public-key", "crl", "unknown": the CLI's and the JSON's word for KIND.
QString anchorFileKindName(AnchorFileKind kind);
// "root CA certificate (self-signed)" and so on: the phrase the CLI prints.
QString anchorFileKindDescription(AnchorFileKind kind);

// How an auditor asks for an anchor to be added.
struct AnchorRequest {
    QString label;
    QString role; // roles::k*
    QString origin; // log keys
    QStringList providers;
    SignerIdentity identity;
    // Trust the certificate's public key alone, as a pinned key ("<name>.pub"), rather than the certificate as a
    // CA: the deliberate way to trust one signer whose CA the auditor does not have.
    bool pinKey = false;
    QString scopeField; // how errors about the scope name it ("--provider/--san/--issuer" on the command line)
};

// The anchor the file at PATH becomes under REQUEST, after the checks of an addition: a leaf certificate is refused
// unless REQUEST pins its key, and so is pinning what has no public key (a CRL). Errors name the file and say what
// to do instead.
Result<TrustAnchor> anchorToAdd(const QString& path, const AnchorRequest& request);
Result<TrustAnchor> anchorToAdd(const QString& path, const QByteArray& content, const AnchorRequest& request);

} // namespace capaudit

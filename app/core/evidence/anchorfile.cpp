// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/anchorfile.h"

#include "crypto/certificate.h"

#include <QFile>
#include <QFileInfo>

namespace capaudit {

namespace {

constexpr qint64 kMaxAnchorBytes = 1 << 20; // as TrustStore::anchorFromFile

Result<QByteArray> readAnchorFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(path, QStringLiteral("cannot read: %1").arg(file.errorString()));
    if (file.size() > kMaxAnchorBytes)
        return Error(path, QStringLiteral("file is larger than 1 MiB; not a trust anchor"));
    return file.readAll();
}

} // namespace

AnchorFileInfo classifyAnchorContent(const QByteArray& content)
{
    AnchorFileInfo info;
    // A certificate first: PublicKey::fromPem would also take a certificate's key and hide what the file is.
    if (content.contains("-----BEGIN CERTIFICATE-----")) {
        auto cert = crypto::Certificate::fromPem(content);
        if (!cert) {
            info.problem = QStringLiteral("not a readable PEM certificate: ") + cert.error().reason;
            return info;
        }
        switch (cert->kind()) {
        case crypto::CertificateKind::Root:
            info.kind = AnchorFileKind::RootCertificate;
            break;
        case crypto::CertificateKind::Intermediate:
            info.kind = AnchorFileKind::IntermediateCertificate;
            break;
        case crypto::CertificateKind::Leaf:
            info.kind = AnchorFileKind::LeafCertificate;
            break;
        }
        info.subject = cert->subject();
        info.fingerprint = cert->publicKey().fingerprint();
        return info;
    }
    if (content.contains("-----BEGIN X509 CRL-----")) {
        if (auto crl = crypto::RevocationList::fromPem(content)) {
            info.kind = AnchorFileKind::RevocationList;
            info.subject = crl->issuer();
        } else {
            info.problem = QStringLiteral("not a readable PEM CRL: ") + crl.error().reason;
        }
        return info;
    }
    if (auto key = crypto::PublicKey::fromPem(content)) {
        info.kind = AnchorFileKind::PublicKey;
        info.subject = key->description();
        info.fingerprint = key->fingerprint();
        return info;
    }
    info.problem = QStringLiteral("neither a PEM certificate, a PEM public key nor a PEM CRL");
    return info;
}

Result<AnchorFileInfo> classifyAnchorFile(const QString& path)
{
    Result<QByteArray> content = readAnchorFile(path);
    if (!content)
        return content.error();
    return classifyAnchorContent(*content);
}

QString anchorFileKindName(AnchorFileKind kind)
{
    switch (kind) {
    case AnchorFileKind::RootCertificate:
        return QStringLiteral("root");
    case AnchorFileKind::IntermediateCertificate:
        return QStringLiteral("intermediate");
    case AnchorFileKind::LeafCertificate:
        return QStringLiteral("leaf");
    case AnchorFileKind::PublicKey:
        return QStringLiteral("public-key");
    case AnchorFileKind::RevocationList:
        return QStringLiteral("crl");
    case AnchorFileKind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString anchorFileKindDescription(AnchorFileKind kind)
{
    switch (kind) {
    case AnchorFileKind::RootCertificate:
        return QStringLiteral("root CA certificate (self-signed, CA:TRUE)");
    case AnchorFileKind::IntermediateCertificate:
        return QStringLiteral("intermediate CA certificate (CA:TRUE, issued by another CA)");
    case AnchorFileKind::LeafCertificate:
        return QStringLiteral("leaf certificate (not a CA, e.g. a bundle signer's)");
    case AnchorFileKind::PublicKey:
        return QStringLiteral("public key (pinned key)");
    case AnchorFileKind::RevocationList:
        return QStringLiteral("certificate revocation list");
    case AnchorFileKind::Unknown:
        break;
    }
    return QStringLiteral("unrecognised file");
}

Result<TrustAnchor> anchorToAdd(const QString& path, const AnchorRequest& request)
{
    Result<QByteArray> content = readAnchorFile(path);
    if (!content)
        return content.error();
    return anchorToAdd(path, *content, request);
}

Result<TrustAnchor> anchorToAdd(const QString& path, const QByteArray& content, const AnchorRequest& request)
{
    const AnchorFileInfo info = classifyAnchorContent(content);
    Result<TrustAnchor> anchor = Error(path, QStringLiteral("no anchor"));
    if (request.pinKey && info.isCertificate()) {
        // The key alone, under a .pub name, so the store (and a reload of it) sees a pinned key, not a CA.
        auto cert = crypto::Certificate::fromPem(content);
        if (!cert)
            return Error(path, 0, {}, QStringLiteral("not a PEM certificate: ") + cert.error().reason);
        const QString keyName = QFileInfo(path).completeBaseName() + QStringLiteral(".pub");
        anchor = TrustStore::anchorFromBytes(
            keyName, cert->publicKey().toPem(), request.label, request.role, request.origin);
    } else if (request.pinKey && info.kind != AnchorFileKind::PublicKey) {
        return Error(path, 0, {},
            QStringLiteral("only a certificate's or a public key's key can be pinned; this file is a %1")
                .arg(anchorFileKindDescription(info.kind)));
    } else if (info.kind == AnchorFileKind::LeafCertificate) {
        return Error(path, 0, {},
            QStringLiteral("'%1' is a leaf certificate (not a CA), so it cannot be a trust anchor: add the root CA "
                           "that issued it, or pin this signer's key on purpose (capaudit-cli trust add --pin-key; "
                           "\"Pin this signer's key\" in the desktop application)")
                .arg(info.subject));
    } else {
        anchor = TrustStore::anchorFromBytes(path, content, request.label, request.role, request.origin);
    }
    if (!anchor)
        return anchor;
    anchor->providers = request.providers;
    anchor->identity = request.identity;
    if (Status s = TrustStore::checkScope(*anchor, path, request.scopeField); !s)
        return s.error();
    return anchor;
}

} // namespace capaudit

// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/truststore.h"

#include "crypto/digest.h"
#include "util/jsonutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace capaudit {

namespace {
constexpr auto kSideFile = "anchors.json";
constexpr qint64 kMaxAnchorBytes = 1 << 20;
} // namespace

QString anchorKindName(TrustAnchor::Kind kind)
{
    switch (kind) {
    case TrustAnchor::Kind::RootCertificate:
        return QStringLiteral("root-certificate");
    case TrustAnchor::Kind::PinnedKey:
        return QStringLiteral("pinned-key");
    case TrustAnchor::Kind::RevocationList:
        return QStringLiteral("crl");
    case TrustAnchor::Kind::LogKey:
        break;
    }
    return QStringLiteral("log-key");
}

std::optional<TrustAnchor::Kind> anchorKindFromName(QStringView name)
{
    for (auto k : { TrustAnchor::Kind::RootCertificate, TrustAnchor::Kind::PinnedKey, TrustAnchor::Kind::RevocationList,
             TrustAnchor::Kind::LogKey })
        if (name == anchorKindName(k))
            return k;
    return std::nullopt;
}

Result<TrustAnchor> TrustStore::anchorFromBytes(const QString& fileName, const QByteArray& content,
    const QString& label, const QString& role, const QString& origin)
{
    TrustAnchor anchor;
    anchor.fileName = QFileInfo(fileName).fileName();
    anchor.label = label.isEmpty() ? QFileInfo(fileName).completeBaseName() : label;
    anchor.role = role;
    anchor.origin = origin;
    anchor.content = content;
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == u"pem" || suffix == u"crt" || suffix == u"cer") {
        auto cert = crypto::Certificate::fromPem(content);
        if (!cert)
            return Error(fileName, 0, {}, QStringLiteral("not a PEM certificate: ") + cert.error().reason);
        anchor.kind = TrustAnchor::Kind::RootCertificate;
        anchor.subject = cert->subject();
        anchor.fingerprint = cert->publicKey().fingerprint();
        anchor.notBefore = cert->notBefore();
        anchor.notAfter = cert->notAfter();
    } else if (suffix == u"pub") {
        auto key = crypto::PublicKey::fromPem(content);
        if (!key)
            return Error(fileName, 0, {}, QStringLiteral("not a PEM public key: ") + key.error().reason);
        anchor.kind =
            role == QLatin1String(roles::kTransparencyLog) ? TrustAnchor::Kind::LogKey : TrustAnchor::Kind::PinnedKey;
        anchor.subject = key->description();
        anchor.fingerprint = key->fingerprint();
    } else if (suffix == u"crl") {
        auto crl = crypto::RevocationList::fromPem(content);
        if (!crl)
            return Error(fileName, 0, {}, QStringLiteral("not a PEM CRL: ") + crl.error().reason);
        // Revocation data must never be silently ignored: a CRL the validator would skip is refused here.
        if (const QString unsupported = crl->unsupportedReason(); !unsupported.isEmpty())
            return Error(fileName, 0, {},
                QStringLiteral("CRL of '%1' cannot be applied: %2; add the issuer's complete, direct CRL instead")
                    .arg(crl->issuer(), unsupported));
        anchor.kind = TrustAnchor::Kind::RevocationList;
        anchor.subject = crl->issuer();
        anchor.fingerprint = crypto::sha256Hex(content);
        anchor.notBefore = crl->lastUpdate();
        anchor.notAfter = crl->nextUpdate();
    } else {
        return Error(fileName, 0, {},
            QStringLiteral("unknown trust anchor type '.%1' (expected .pem, .crt, .pub or .crl)").arg(suffix));
    }
    return anchor;
}

Result<TrustAnchor> TrustStore::anchorFromFile(
    const QString& path, const QString& label, const QString& role, const QString& origin)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(path, QStringLiteral("cannot read: %1").arg(file.errorString()));
    if (file.size() > kMaxAnchorBytes)
        return Error(path, QStringLiteral("file is larger than 1 MiB; not a trust anchor"));
    return anchorFromBytes(path, file.readAll(), label, role, origin);
}

Result<TrustStore> TrustStore::loadDirectory(const QString& directory)
{
    QDir dir(directory);
    if (!dir.exists())
        return Error(directory, QStringLiteral("trust store directory does not exist"));
    QJsonObject side;
    const QString sidePath = dir.filePath(QLatin1String(kSideFile));
    if (QFileInfo::exists(sidePath)) {
        QFile f(sidePath);
        if (!f.open(QIODevice::ReadOnly))
            return Error(sidePath, QStringLiteral("cannot read: %1").arg(f.errorString()));
        auto parsed = parseJsonObject(f.readAll(), sidePath);
        if (!parsed)
            return parsed.error();
        side = parsed->value(QStringLiteral("anchors")).toObject();
    }
    TrustStore store;
    const QStringList names = dir.entryList({ QStringLiteral("*.pem"), QStringLiteral("*.crt"), QStringLiteral("*.cer"),
                                                QStringLiteral("*.pub"), QStringLiteral("*.crl") },
        QDir::Files, QDir::Name);
    for (const QString& name : names) {
        const QJsonObject meta = side.value(name).toObject();
        auto anchor = anchorFromFile(dir.filePath(name), meta.value(QStringLiteral("label")).toString(),
            meta.value(QStringLiteral("role")).toString(), meta.value(QStringLiteral("origin")).toString());
        if (!anchor)
            return anchor.error();
        store.m_anchors.append(*anchor);
    }
    for (auto it = side.begin(); it != side.end(); ++it)
        if (!names.contains(it.key()))
            return Error(sidePath, 0, it.key(), QStringLiteral("names a file that is not in the trust store"));
    if (store.m_anchors.isEmpty())
        return Error(directory, QStringLiteral("trust store is empty: no .pem, .crt, .pub or .crl files"));
    return store;
}

Result<TrustStore> TrustStore::fromAnchors(const QList<TrustAnchor>& anchors)
{
    TrustStore store;
    for (const TrustAnchor& a : anchors) {
        // Re-derive from the bytes so a stored anchor can never claim another identity than its content.
        auto checked = anchorFromBytes(a.fileName, a.content, a.label, a.role, a.origin);
        if (!checked)
            return checked.error();
        store.m_anchors.append(*checked);
    }
    return store;
}

Status TrustStore::saveDirectory(const QString& directory) const
{
    if (!QDir().mkpath(directory))
        return Error(directory, QStringLiteral("cannot create directory"));
    QJsonObject side;
    for (const TrustAnchor& a : m_anchors) {
        if (Status s = writeFileAtomically(QDir(directory).filePath(a.fileName), a.content); !s)
            return s;
        QJsonObject meta { { QStringLiteral("label"), a.label }, { QStringLiteral("role"), a.role } };
        if (!a.origin.isEmpty())
            meta.insert(QStringLiteral("origin"), a.origin);
        side.insert(a.fileName, meta);
    }
    return writeFileAtomically(QDir(directory).filePath(QLatin1String(kSideFile)),
        prettyJson(QJsonObject { { QStringLiteral("anchors"), side } }));
}

QList<crypto::Certificate> TrustStore::rootCertificates() const
{
    QList<crypto::Certificate> roots;
    for (const TrustAnchor& a : m_anchors)
        if (a.kind == TrustAnchor::Kind::RootCertificate)
            if (auto c = crypto::Certificate::fromPem(a.content))
                roots.append(*c);
    return roots;
}

QList<crypto::RevocationList> TrustStore::revocationLists() const
{
    QList<crypto::RevocationList> crls;
    for (const TrustAnchor& a : m_anchors)
        if (a.kind == TrustAnchor::Kind::RevocationList)
            if (auto c = crypto::RevocationList::fromPem(a.content))
                crls.append(*c);
    return crls;
}

const TrustAnchor* TrustStore::anchorForCertificate(const crypto::Certificate& root) const
{
    return anchorForKey(root.publicKey().fingerprint(), TrustAnchor::Kind::RootCertificate);
}

const TrustAnchor* TrustStore::anchorForKey(const QString& spkiFingerprint, TrustAnchor::Kind kind) const
{
    for (const TrustAnchor& a : m_anchors)
        if (a.kind == kind && a.fingerprint == spkiFingerprint)
            return &a;
    return nullptr;
}

} // namespace capaudit

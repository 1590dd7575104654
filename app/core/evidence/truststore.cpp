// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/truststore.h"

#include "crypto/digest.h"
#include "util/jsonutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>

namespace capaudit {

namespace {
constexpr auto kSideFile = "anchors.json";
constexpr qint64 kMaxAnchorBytes = 1 << 20;
// Reads one entry of anchors.json; unknown keys are refused so that a misspelt "providers" never silently leaves an
// anchor without the scope its author meant.
Status readSideEntry(const QJsonObject& meta, const QString& sidePath, const QString& name, TrustAnchor& anchor)
{
    static const QStringList kKeys { QStringLiteral("label"), QStringLiteral("role"), QStringLiteral("origin"),
        QStringLiteral("providers"), QStringLiteral("identity") };
    const QString base = QStringLiteral("anchors/") + name;
    for (auto it = meta.begin(); it != meta.end(); ++it)
        if (!kKeys.contains(it.key()))
            return Error(sidePath, 0, base + u'/' + it.key(),
                QStringLiteral("unknown key (expected label, role, origin, providers, identity)"));
    for (const char* key : { "label", "role", "origin" })
        if (meta.contains(QLatin1String(key)) && !meta.value(QLatin1String(key)).isString())
            return Error(sidePath, 0, base + u'/' + QLatin1String(key), QStringLiteral("must be a string"));
    const QJsonValue providers = meta.value(QStringLiteral("providers"));
    if (!providers.isUndefined()) {
        if (!providers.isArray())
            return Error(
                sidePath, 0, base + QStringLiteral("/providers"), QStringLiteral("must be an array of provider names"));
        for (const QJsonValue p : providers.toArray()) {
            if (!p.isString())
                return Error(sidePath, 0, base + QStringLiteral("/providers"),
                    QStringLiteral("must be an array of provider names"));
            anchor.providers.append(p.toString());
        }
    }
    const QJsonValue identity = meta.value(QStringLiteral("identity"));
    if (!identity.isUndefined()) {
        const QJsonObject id = identity.toObject();
        if (!identity.isObject() || id.isEmpty())
            return Error(sidePath, 0, base + QStringLiteral("/identity"),
                QStringLiteral("must be an object {\"san\": ..., \"issuer\": ...}"));
        for (auto it = id.begin(); it != id.end(); ++it)
            if ((it.key() != u"san" && it.key() != u"issuer") || !it.value().isString())
                return Error(sidePath, 0, base + QStringLiteral("/identity/") + it.key(),
                    QStringLiteral("identity holds only the strings \"san\" and \"issuer\""));
        anchor.identity = { id.value(QStringLiteral("san")).toString(), id.value(QStringLiteral("issuer")).toString() };
    }
    return TrustStore::checkScope(anchor, sidePath, base);
}

} // namespace

bool isKnownRole(QStringView role)
{
    for (const char* r : { roles::kProvider, roles::kIndependentMeter, roles::kAuditor, roles::kTransparencyLog })
        if (role == QLatin1String(r))
            return true;
    return false;
}

QStringList knownRoles()
{
    return { QLatin1String(roles::kProvider), QLatin1String(roles::kIndependentMeter), QLatin1String(roles::kAuditor),
        QLatin1String(roles::kTransparencyLog) };
}

Status TrustStore::checkScope(const TrustAnchor& anchor, const QString& where, const QString& field)
{
    const QString prefix = field.isEmpty() ? QString() : field + u'/';
    if (!anchor.role.isEmpty() && !isKnownRole(anchor.role))
        return Error(where, 0, prefix + QStringLiteral("role"),
            QStringLiteral("unknown role '%1' (expected %2)")
                .arg(anchor.role, knownRoles().join(QStringLiteral(", "))));
    for (const QString& p : anchor.providers)
        if (p.trimmed().isEmpty() || p.trimmed() != p)
            return Error(where, 0, prefix + QStringLiteral("providers"),
                QStringLiteral("provider name '%1' is empty or has surrounding blanks").arg(p));
    if (anchor.providers.size() != QSet<QString>(anchor.providers.begin(), anchor.providers.end()).size())
        return Error(where, 0, prefix + QStringLiteral("providers"), QStringLiteral("names a provider twice"));
    if (!anchor.identity.isEmpty() && anchor.kind != TrustAnchor::Kind::RootCertificate)
        return Error(where, 0, prefix + QStringLiteral("identity"),
            QStringLiteral("a signer identity can only be pinned on a root certificate (a Fulcio CA), not on a %1")
                .arg(anchorKindName(anchor.kind)));
    return {};
}

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
        const QJsonValue entry = side.value(name);
        if (!entry.isUndefined() && !entry.isObject())
            return Error(sidePath, 0, QStringLiteral("anchors/") + name, QStringLiteral("must be an object"));
        const QJsonObject meta = entry.toObject();
        auto anchor = anchorFromFile(dir.filePath(name), meta.value(QStringLiteral("label")).toString(),
            meta.value(QStringLiteral("role")).toString(), meta.value(QStringLiteral("origin")).toString());
        if (!anchor)
            return anchor.error();
        if (Status s = readSideEntry(meta, sidePath, name, *anchor); !s)
            return s.error();
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
        checked->providers = a.providers;
        checked->identity = a.identity;
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
        if (!a.providers.isEmpty())
            meta.insert(QStringLiteral("providers"), QJsonArray::fromStringList(a.providers));
        if (!a.identity.isEmpty()) {
            QJsonObject id;
            if (!a.identity.san.isEmpty())
                id.insert(QStringLiteral("san"), a.identity.san);
            if (!a.identity.issuer.isEmpty())
                id.insert(QStringLiteral("issuer"), a.identity.issuer);
            meta.insert(QStringLiteral("identity"), id);
        }
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

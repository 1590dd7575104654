// SPDX-License-Identifier: GPL-3.0-or-later
#include "sigstore/trustedroot.h"

#include "sigstore/jsonfields.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QJsonArray>
#include <QUrl>

namespace capaudit::sigstore {

namespace {

using detail::JsonReader;

Result<TimeRange> parseRange(const JsonReader& r, const QJsonValue& value, const QString& path)
{
    if (!value.isObject())
        return r.error(path, QStringLiteral("missing validity period"));
    const QJsonObject json = value.toObject();
    TimeRange range;
    const QString startText = json.value(u"start").toString();
    const auto start = parseTimestamp(startText);
    if (!start)
        return r.error(path + QStringLiteral(".start"),
            startText.isEmpty() ? QStringLiteral("missing: a validity period must have a start")
                                : QStringLiteral("'%1' is not a timestamp").arg(startText));
    range.start = *start;
    // proto3 JSON may spell an open end as null.
    if (json.contains(u"end") && !json.value(u"end").isNull()) {
        const QString endText = json.value(u"end").toString();
        const auto end = parseTimestamp(endText);
        if (!end)
            return r.error(path + QStringLiteral(".end"), QStringLiteral("'%1' is not a timestamp").arg(endText));
        range.end = *end;
    }
    return range;
}

Result<LogKey> parseLog(const JsonReader& r, const QJsonObject& json, const QString& path)
{
    LogKey log;
    log.baseUrl = json.value(u"baseUrl").toString();
    log.origin = originFromBaseUrl(log.baseUrl);
    auto logId = r.bytes(json.value(u"logId").toObject().value(u"keyId"), path + QStringLiteral(".logId.keyId"));
    if (!logId)
        return logId.error();
    log.logId = *logId;
    const QJsonObject publicKey = json.value(u"publicKey").toObject();
    auto range = parseRange(r, publicKey.value(u"validFor"), path + QStringLiteral(".publicKey.validFor"));
    if (!range)
        return range.error();
    log.validity = *range;
    auto raw = r.bytes(publicKey.value(u"rawBytes"), path + QStringLiteral(".publicKey.rawBytes"));
    if (!raw)
        return raw.error();
    // An unreadable key (e.g. PKCS#1 RSA instead of SPKI) makes that one log unusable, not the whole root.
    auto key = crypto::PublicKey::fromDer(*raw);
    if (key)
        log.key = *key;
    else
        log.keyProblem = QStringLiteral("%1 (%2) is not a SubjectPublicKeyInfo key: %3")
                             .arg(path, publicKey.value(u"keyDetails").toString(), key.error().reason);
    return log;
}

Result<CertificateAuthority> parseAuthority(const JsonReader& r, const QJsonObject& json, const QString& path)
{
    CertificateAuthority ca;
    ca.uri = json.value(u"uri").toString();
    const QJsonObject subject = json.value(u"subject").toObject();
    ca.subject = QStringLiteral("O=%1, CN=%2")
                     .arg(subject.value(u"organization").toString(), subject.value(u"commonName").toString());
    const QJsonArray certs = json.value(u"certChain").toObject().value(u"certificates").toArray();
    if (certs.isEmpty())
        return r.error(path + QStringLiteral(".certChain"), QStringLiteral("empty certificate chain"));
    for (qsizetype i = 0; i < certs.size(); ++i) {
        const QString item = QStringLiteral("%1.certChain.certificates[%2].rawBytes").arg(path).arg(i);
        auto der = r.bytes(certs.at(i).toObject().value(u"rawBytes"), item);
        if (!der)
            return der.error();
        auto cert = crypto::Certificate::fromDer(*der);
        if (!cert)
            return r.error(item, QStringLiteral("not a DER certificate: %1").arg(cert.error().reason));
        ca.chain.append(*cert);
    }
    auto range = parseRange(r, json.value(u"validFor"), path + QStringLiteral(".validFor"));
    if (!range)
        return range.error();
    ca.validity = *range;
    return ca;
}

template <typename T, typename Parser>
Status parseList(const JsonReader& r, const QJsonObject& root, const QString& key, QList<T>& out, Parser parser)
{
    const QJsonArray array = root.value(key).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto item = parser(r, array.at(i).toObject(), QStringLiteral("%1[%2]").arg(key).arg(i));
        if (!item)
            return item.error();
        out.append(*item);
    }
    return {};
}

} // namespace

bool TimeRange::contains(const QDateTime& time) const
{
    if (!time.isValid() || !start.isValid() || time < start)
        return false;
    return !end || time <= *end;
}

QString TimeRange::toString() const
{
    return QStringLiteral("%1 .. %2")
        .arg(formatTimestamp(start), end ? formatTimestamp(*end) : QStringLiteral("(open)"));
}

QString originFromBaseUrl(const QString& baseUrl)
{
    const QUrl url(baseUrl);
    if (url.host().isEmpty())
        return baseUrl;
    return url.port() == -1 ? url.host() : QStringLiteral("%1:%2").arg(url.host()).arg(url.port());
}

Result<TrustedRoot> parseTrustedRoot(const QByteArray& json, const QString& fileName)
{
    auto root = parseJsonObject(json, fileName);
    if (!root)
        return root.error();
    const JsonReader r { fileName };
    const QString mediaType = root->value(u"mediaType").toString();
    if (!mediaType.startsWith(u"application/vnd.dev.sigstore.trustedroot"))
        return r.error(QStringLiteral("mediaType"), QStringLiteral("not a Sigstore trusted root: '%1'").arg(mediaType));
    TrustedRoot trusted;
    trusted.fileName = fileName;
    if (Status s = parseList(r, *root, QStringLiteral("tlogs"), trusted.tlogs, parseLog); !s)
        return s.error();
    if (Status s = parseList(r, *root, QStringLiteral("ctlogs"), trusted.ctlogs, parseLog); !s)
        return s.error();
    if (Status s = parseList(
            r, *root, QStringLiteral("certificateAuthorities"), trusted.certificateAuthorities, parseAuthority);
        !s)
        return s.error();
    if (Status s =
            parseList(r, *root, QStringLiteral("timestampAuthorities"), trusted.timestampAuthorities, parseAuthority);
        !s)
        return s.error();
    return trusted;
}

} // namespace capaudit::sigstore

// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/dsse.h"

#include "sigstore/dsse.h"
#include "util/jsonutil.h"

#include <QJsonArray>

#include <algorithm>

namespace capaudit {

QByteArray dssePae(QByteArrayView payloadType, QByteArrayView payload)
{
    return sigstore::dssePae(payloadType.toByteArray(), payload.toByteArray());
}

namespace {

// DSSE says unknown fields must be ignored. A CapAudit bundle is stricter: its envelope may hold nothing that is
// neither signed nor checked, so a changed field name cannot slip through as "unknown" (docs/bundle-format.md).
Status onlyKnownFields(
    const QJsonObject& object, std::initializer_list<QString> known, const QString& path, const QString& fileName)
{
    for (auto it = object.begin(); it != object.end(); ++it)
        if (std::find(known.begin(), known.end(), it.key()) == known.end())
            return Error(fileName, 0, path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key(),
                QStringLiteral("unexpected field in the envelope"));
    return {};
}

} // namespace

Result<DsseEnvelope> dsseEnvelopeFromJson(const QJsonObject& object, const QString& fileName)
{
    const auto requireString = [&](const QJsonObject& o, const QString& key, const QString& path) -> Result<QString> {
        const QJsonValue v = o.value(key);
        if (!v.isString())
            return Error(fileName, 0, path,
                v.isUndefined() ? QStringLiteral("required field is missing") : QStringLiteral("must be a string"));
        return v.toString();
    };
    if (Status known = onlyKnownFields(object,
            { QStringLiteral("payload"), QStringLiteral("payloadType"), QStringLiteral("signatures") }, {}, fileName);
        !known)
        return known.error();
    DsseEnvelope envelope;
    auto payloadType = requireString(object, QStringLiteral("payloadType"), QStringLiteral("payloadType"));
    if (!payloadType)
        return payloadType.error();
    envelope.payloadType = payloadType->toUtf8();
    auto payload = requireString(object, QStringLiteral("payload"), QStringLiteral("payload"));
    if (!payload)
        return payload.error();
    auto decoded = decodeBase64Strict(payload->toLatin1());
    if (!decoded)
        return Error(fileName, 0, QStringLiteral("payload"), QStringLiteral("not valid base64"));
    envelope.payload = *decoded;

    const QJsonValue sigs = object.value(QStringLiteral("signatures"));
    if (!sigs.isArray())
        return Error(fileName, 0, QStringLiteral("signatures"),
            sigs.isUndefined() ? QStringLiteral("required field is missing") : QStringLiteral("must be an array"));
    const QJsonArray array = sigs.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("signatures[%1]").arg(i);
        if (!array[i].isObject())
            return Error(fileName, 0, path, QStringLiteral("must be an object"));
        const QJsonObject s = array[i].toObject();
        if (Status known = onlyKnownFields(s, { QStringLiteral("keyid"), QStringLiteral("sig") }, path, fileName);
            !known)
            return known.error();
        auto sig = requireString(s, QStringLiteral("sig"), path + QStringLiteral(".sig"));
        if (!sig)
            return sig.error();
        auto sigBytes = decodeBase64Strict(sig->toLatin1());
        if (!sigBytes)
            return Error(fileName, 0, path + QStringLiteral(".sig"), QStringLiteral("not valid base64"));
        envelope.signatures.append({ s.value(QStringLiteral("keyid")).toString().toUtf8(), *sigBytes });
    }
    return envelope;
}

Result<DsseEnvelope> parseDsseEnvelope(const QByteArray& json, const QString& fileName)
{
    auto object = parseJsonObject(json, fileName);
    if (!object)
        return object.error();
    return dsseEnvelopeFromJson(*object, fileName);
}

QByteArray DsseEnvelope::toJson() const
{
    QJsonArray sigs;
    for (const DsseSignature& s : signatures)
        sigs.append(QJsonObject { { QStringLiteral("keyid"), QString::fromUtf8(s.keyId) },
            { QStringLiteral("sig"), QString::fromLatin1(s.signature.toBase64()) } });
    return prettyJson(QJsonObject { { QStringLiteral("payloadType"), QString::fromUtf8(payloadType) },
        { QStringLiteral("payload"), QString::fromLatin1(payload.toBase64()) },
        { QStringLiteral("signatures"), sigs } });
}

} // namespace capaudit

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace capaudit {

inline constexpr auto kInTotoPayloadType = "application/vnd.in-toto+json";

struct DsseSignature {
    QByteArray keyId; // unauthenticated hint only; never used for a security decision
    QByteArray signature; // decoded
};

// A DSSE envelope (https://github.com/secure-systems-lab/dsse/blob/master/envelope.md).
struct DsseEnvelope {
    QByteArray payloadType;
    QByteArray payload; // decoded; the exact bytes that were signed and that the app then parses
    QList<DsseSignature> signatures;

    QByteArray toJson() const; // standard base64, keys sorted
};

// Unknown fields are ignored; payload and sig accept standard and URL-safe base64 (the spec requires both).
Result<DsseEnvelope> parseDsseEnvelope(const QByteArray& json, const QString& fileName);
Result<DsseEnvelope> dsseEnvelopeFromJson(const QJsonObject& object, const QString& fileName);

// Pre-Authentication Encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body.
QByteArray dssePae(QByteArrayView payloadType, QByteArrayView payload);

} // namespace capaudit

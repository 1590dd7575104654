// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace capaudit::sigstore {

// DSSE v1 pre-authentication encoding: "DSSEv1 <len(type)> <type> <len(body)> <body>". Signatures cover this,
// never the base64 payload.
QByteArray dssePae(const QByteArray& payloadType, const QByteArray& payload);

} // namespace capaudit::sigstore

// SPDX-License-Identifier: GPL-3.0-or-later
#include "sigstore/dsse.h"

namespace capaudit::sigstore {

QByteArray dssePae(const QByteArray& payloadType, const QByteArray& payload)
{
    QByteArray pae;
    pae.reserve(payloadType.size() + payload.size() + 32);
    pae += "DSSEv1 ";
    pae += QByteArray::number(payloadType.size());
    pae += ' ';
    pae += payloadType;
    pae += ' ';
    pae += QByteArray::number(payload.size());
    pae += ' ';
    pae += payload;
    return pae;
}

} // namespace capaudit::sigstore

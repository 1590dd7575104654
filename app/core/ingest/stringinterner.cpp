// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/stringinterner.h"

#include <QStringDecoder>

namespace capaudit {

std::optional<QString> StringInterner::intern(QByteArrayView text)
{
    // fromRawData avoids a copy for the lookup; the key is deep-copied only when inserted.
    const QByteArray probe = QByteArray::fromRawData(text.data(), text.size());
    const auto it = m_strings.constFind(probe);
    if (it != m_strings.constEnd())
        return it.value();
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString decoded = decoder.decode(text);
    if (decoder.hasError())
        return std::nullopt;
    m_strings.insert(text.toByteArray(), decoded);
    return decoded;
}

} // namespace capaudit

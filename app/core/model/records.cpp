// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/records.h"

namespace capaudit {

QString nodeStateName(NodeState state)
{
    switch (state) {
    case NodeState::Up:
        return QStringLiteral("up");
    case NodeState::Down:
        return QStringLiteral("down");
    case NodeState::Maintenance:
        return QStringLiteral("maintenance");
    case NodeState::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

std::optional<NodeState> nodeStateFromName(QStringView name)
{
    if (name.compare(u"up", Qt::CaseInsensitive) == 0)
        return NodeState::Up;
    if (name.compare(u"down", Qt::CaseInsensitive) == 0)
        return NodeState::Down;
    if (name.compare(u"maintenance", Qt::CaseInsensitive) == 0)
        return NodeState::Maintenance;
    if (name.compare(u"unknown", Qt::CaseInsensitive) == 0)
        return NodeState::Unknown;
    return std::nullopt;
}

} // namespace capaudit

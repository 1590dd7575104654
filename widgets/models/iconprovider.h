// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/verdict.h"

#include <QIcon>

namespace capaudit {

// Icons from the resources (resources/icons), looked up by a short name: "case-open", "import", "trust"…
class IconProvider {
public:
    static void initResources(); // once per process, before the first icon (static library resources)
    static QIcon icon(const QString& name);
    static QIcon verdictIcon(VerdictKind verdict);
    static QIcon checkIcon(CheckStatus status);
};

} // namespace capaudit

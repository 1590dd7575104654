// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/demogenerator.h"
#include "demo/demomodel.h"

#include <QByteArray>

namespace capaudit::demo {

// DIR/README.txt: what was generated and the commands to run next.
QByteArray readmeText(const DemoModel& model, const DemoSummary& summary);

// The one-paragraph summary the CLI prints.
QString summaryText(const DemoSummary& summary, const QString& outDir);

} // namespace capaudit::demo

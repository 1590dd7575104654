// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/verdict.h"

#include <QTextStream>

namespace capaudit::cli {

// "bundles/a.tgz: REJECTED (telemetry) ..." followed by one line per check, failures with their hint.
void printVerdictText(QTextStream& stream, const Verdict& verdict);
// One compact JSON object on one line (JSON Lines), keys sorted.
void printVerdictJson(QTextStream& stream, const Verdict& verdict);

} // namespace capaudit::cli

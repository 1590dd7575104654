// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/casestore.h"

#include <memory>

namespace capaudit::cli {

// Opens the case file PATH for a command; prints the reason on stderr and returns null when it cannot
// (the command then exits with kExitUsage).
std::unique_ptr<CaseStore> openCase(const QString& path);

} // namespace capaudit::cli

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/checkrunner.h"
#include "store/casestore.h"

#include <memory>

namespace capaudit::cli {

// Opens the case file PATH for a command; prints the reason on stderr and returns null when it cannot
// (the command then exits with kExitUsage).
std::unique_ptr<CaseStore> openCase(const QString& path);

// Reads and parses a JSON object file given on the command line (weights, scenario); the error names the file.
Result<QJsonObject> readJsonFile(const QString& path);

// Runs the compliance checks with the case's policy (or OPTIONS.policy when POLICYFILE is empty and USESTORED is
// false), showing progress on stderr when it is a terminal and QUIET is false.
Result<analytics::CheckReport> runChecksForCommand(
    CaseStore& store, analytics::CheckOptions options, const QString& policyFile, bool quiet);

} // namespace capaudit::cli

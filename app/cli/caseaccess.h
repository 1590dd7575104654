// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/checkrunner.h"
#include "store/casestore.h"

#include <QCommandLineParser>

#include <memory>

namespace capaudit::cli {

// Opens the case file PATH for a command; prints the reason on stderr and returns null when it cannot
// (the command then exits with kExitUsage).
std::unique_ptr<CaseStore> openCase(const QString& path);

// Reads and parses a JSON object file given on the command line (weights, scenario); the error names the file.
Result<QJsonObject> readJsonFile(const QString& path);
// The same, turned into T with T::fromJson(object, path).
template <typename T> Result<T> readJsonFileAs(const QString& path)
{
    Result<QJsonObject> object = readJsonFile(path);
    if (!object)
        return object.error();
    return T::fromJson(*object, path);
}

// --period FROM..TO, shared by every command that can restrict the evidence it looks at.
QCommandLineOption periodOption();
// The parsed --period, or {0, 0} (the whole case) when it is not given.
Result<Period> periodArgument(const QCommandLineParser& parser, const QCommandLineOption& option);

// Runs the compliance checks with the policy analytics::selectPolicy() picks (POLICYFILE when given, else the case's),
// showing progress on stderr when it is a terminal and QUIET is false.
Result<analytics::CheckReport> runChecksForCommand(
    CaseStore& store, analytics::CheckOptions options, const QString& policyFile, bool quiet);

} // namespace capaudit::cli

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineParser>
#include <QList>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace capaudit::cli {

// Exit codes are part of the CLI contract (see docs/cli.md).
enum ExitCode { kExitOk = 0, kExitFindings = 1, kExitUsage = 2 };

using CommandFunction = int (*)(const QStringList& arguments); // arguments[0] is "capaudit-cli <command>"

struct Command {
    QString name; // "verify", "bundle create", "case init"
    QString summary;
    CommandFunction run = nullptr;
};

// Commands register themselves from their own translation unit, so adding one touches no shared file.
class CommandRegistry {
public:
    static bool add(const Command& command);
    static const QList<Command>& all();
};

QTextStream& out();
QTextStream& err();
bool stderrIsTerminal();

// Parses ARGUMENTS with PARSER (adding --help). Returns an exit code when the command must stop now:
// kExitOk after printing help, kExitUsage after printing the error and the usage.
std::optional<int> parseArguments(QCommandLineParser& parser, const QStringList& arguments, const QString& description);

// Prints "capaudit-cli: <message>" on stderr and returns kExitUsage.
int usageError(const QString& message);

} // namespace capaudit::cli

#define CAPAUDIT_CLI_CONCAT2(a, b) a##b
#define CAPAUDIT_CLI_CONCAT(a, b) CAPAUDIT_CLI_CONCAT2(a, b)
#define CAPAUDIT_REGISTER_COMMAND(name, summary, function)                                                             \
    static const bool CAPAUDIT_CLI_CONCAT(s_registered_, __LINE__) =                                                   \
        capaudit::cli::CommandRegistry::add({ QStringLiteral(name), QStringLiteral(summary), function })

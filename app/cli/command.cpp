// SPDX-License-Identifier: GPL-3.0-or-later
#include "command.h"

#include <QCoreApplication>

#include <cstdio>
#include <unistd.h>

namespace capaudit::cli {

namespace {
QList<Command>& registry()
{
    static QList<Command> commands;
    return commands;
}
} // namespace

bool CommandRegistry::add(const Command& command)
{
    registry().append(command);
    return true;
}

const QList<Command>& CommandRegistry::all()
{
    return registry();
}

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

bool stderrIsTerminal()
{
    return isatty(fileno(stderr));
}

int usageError(const QString& message)
{
    err() << "capaudit-cli: " << message << Qt::endl;
    return kExitUsage;
}

namespace {

// QCommandLineParser names the binary's full path in "Usage:"; users type "capaudit-cli <command>".
QString helpFor(const QCommandLineParser& parser, const QString& command)
{
    QString help = parser.helpText();
    const qsizetype lineEnd = help.indexOf(QLatin1Char('\n'));
    const qsizetype options = help.indexOf(QLatin1String(" [options]"));
    if (help.startsWith(QLatin1String("Usage: ")) && options > 0 && options < lineEnd)
        help.replace(7, options - 7, command);
    return help;
}

} // namespace

std::optional<int> parseArguments(QCommandLineParser& parser, const QStringList& arguments, const QString& description)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        err() << "capaudit-cli: " << parser.errorText() << "\n\n" << helpFor(parser, arguments.value(0));
        err().flush();
        return kExitUsage;
    }
    if (parser.isSet(help)) {
        out() << helpFor(parser, arguments.value(0));
        out().flush();
        return kExitOk;
    }
    return std::nullopt;
}

} // namespace capaudit::cli

// SPDX-License-Identifier: GPL-3.0-or-later
#include "capaudit/version.h"
#include "command.h"

#include <QApplication>
#include <QCoreApplication>

#include <algorithm>
#include <memory>

using namespace capaudit::cli;

namespace {

void printUsage(QTextStream& stream)
{
    stream << "Usage: capaudit-cli <command> [options]\n\n"
              "Audit evidence for metered compute: verify signed bundles, keep them in a case file, analyse them.\n\n"
              "Commands:\n";
    QList<Command> commands = CommandRegistry::all();
    std::sort(commands.begin(), commands.end(), [](const Command& a, const Command& b) { return a.name < b.name; });
    for (const Command& c : commands)
        stream << "  " << c.name.leftJustified(16) << c.summary << '\n';
    stream << "\nRun 'capaudit-cli <command> --help' for a command's options. Exit codes: 0 success, 1 findings "
              "(untrusted, rejected, tampered), 2 usage or I/O error.\n";
    stream.flush();
}

} // namespace

int main(int argc, char** argv)
{
    // `report` draws its charts with QCustomPlot, a widget: it needs a QApplication, and without a display the
    // offscreen platform. Every other command stays a plain QCoreApplication (no GUI libraries initialised).
    const bool needsGui = argc > 1 && qstrcmp(argv[1], "report") == 0;
    if (needsGui && qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> application =
        needsGui ? std::make_unique<QApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication& app = *application;
    QCoreApplication::setApplicationName(QStringLiteral("capaudit-cli"));
    QCoreApplication::setApplicationVersion(QLatin1String(capaudit::kVersion));
    QCoreApplication::setOrganizationName(QStringLiteral("CapAudit"));

    const QStringList args = app.arguments();
    if (args.size() < 2 || args[1] == u"--help" || args[1] == u"-h" || args[1] == u"help") {
        printUsage(args.size() < 2 ? err() : out());
        return args.size() < 2 ? kExitUsage : kExitOk;
    }
    if (args[1] == u"--version" || args[1] == u"-V") {
        out() << "capaudit-cli " << capaudit::kVersion << Qt::endl;
        return kExitOk;
    }
    // Two-word commands ("bundle create", "case init", "trust add") take precedence over one-word ones.
    for (int words : { 2, 1 }) {
        if (args.size() < 1 + words)
            continue;
        const QString name = args.mid(1, words).join(QLatin1Char(' '));
        for (const Command& c : CommandRegistry::all()) {
            if (c.name == name) {
                QStringList rest = args.mid(1 + words);
                rest.prepend(QStringLiteral("capaudit-cli ") + name);
                return c.run(rest);
            }
        }
    }
    err() << "capaudit-cli: unknown command '" << args[1] << "'\n\n";
    printUsage(err());
    return kExitUsage;
}

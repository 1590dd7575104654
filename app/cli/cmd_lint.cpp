// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-cli lint: every problem of payload files or bundles in one pass, before anything is signed or imported.
#include "command.h"
#include "store/bundlelint.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace capaudit::cli {
namespace {

int runLint(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("path"),
        QStringLiteral("Payload files, or bundles (a directory with an envelope, or an archive)."),
        QStringLiteral("FILE|BUNDLE..."));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
        QStringLiteral("Payload format: focus-csv, capaudit-usage-csv/v1, prometheus-text, openmetrics-text, "
                       "otlp-json (default: from the file)."),
        QStringLiteral("F"));
    const QCommandLineOption versionOpt(QStringLiteral("focus-version"),
        QStringLiteral("FOCUS version whose rules apply: 1.0, 1.1 or 1.2 (default 1.2)."), QStringLiteral("V"));
    const QCommandLineOption profileOpt(QStringLiteral("profile"),
        QStringLiteral("Metric profile (kube-state-metrics, dcgm-exporter, node-exporter); without one, metric "
                       "files are checked for syntax only."),
        QStringLiteral("PROFILE"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print one JSON report per path."));
    parser.addOptions({ formatOpt, versionOpt, profileOpt, jsonOpt });
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("List every problem of payload files or bundles in one pass (capped per rule, with "
                           "counts and line ranges). Exit 1 when a problem would stop an import or quarantine "
                           "rows; notes alone exit 0.")))
        return *exit;
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        return usageError(QStringLiteral("lint: name at least one FILE or BUNDLE"));
    const QString version = parser.value(versionOpt);
    if (!version.isEmpty() && version != u"1.0" && version != u"1.1" && version != u"1.2")
        return usageError(QStringLiteral("--focus-version must be 1.0, 1.1 or 1.2, not '%1'").arg(version));
    LintOptions options { parser.value(formatOpt), version, parser.value(profileOpt) };

    int exitCode = kExitOk;
    for (const QString& path : paths) {
        if (!QFileInfo::exists(path)) {
            err() << "capaudit-cli: " << path << ": no such file or directory" << Qt::endl;
            exitCode = kExitUsage;
            continue;
        }
        const LintReport report = looksLikeBundle(path) ? lintBundle(path) : lintPayloadFile(path, options);
        if (parser.isSet(jsonOpt)) {
            out() << QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact) << Qt::endl;
        } else {
            const QStringList lines = report.lines();
            out() << path << ": " << report.rows << " record(s), "
                  << (lines.isEmpty() ? QStringLiteral("no problems")
                                      : QStringLiteral("%1 problem group(s)").arg(lines.size()));
            if (const qint64 q = report.quality.quarantinedRows())
                out() << ", " << q << " row(s) an import would quarantine";
            out() << '\n';
            for (const QString& line : lines)
                out() << "  " << line << '\n';
            out().flush();
        }
        if (report.hasErrors() && exitCode == kExitOk)
            exitCode = kExitFindings;
    }
    return exitCode;
}

} // namespace
} // namespace capaudit::cli

CAPAUDIT_REGISTER_COMMAND(
    "lint", "List every problem of payload files or bundles before signing or import.", capaudit::cli::runLint);

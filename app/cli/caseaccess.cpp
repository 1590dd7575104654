// SPDX-License-Identifier: GPL-3.0-or-later
#include "caseaccess.h"

#include "analytics/policyselection.h"
#include "command.h"
#include "util/jsonutil.h"

#include <QFile>

namespace capaudit::cli {

std::unique_ptr<CaseStore> openCase(const QString& path)
{
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(path);
    if (!store) {
        err() << "capaudit-cli: " << store.error().toString() << Qt::endl;
        return nullptr;
    }
    return std::move(store).value();
}

Result<QJsonObject> readJsonFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(path, file.errorString());
    return parseJsonObject(file.readAll(), path);
}

QCommandLineOption periodOption()
{
    return { QStringLiteral("period"),
        QStringLiteral("Only evidence in FROM..TO (dates or ISO 8601 UTC times, end exclusive)."),
        QStringLiteral("FROM..TO") };
}

Result<Period> periodArgument(const QCommandLineParser& parser, const QCommandLineOption& option)
{
    if (!parser.isSet(option))
        return Period {};
    return analytics::parsePeriod(parser.value(option));
}

Result<analytics::CheckReport> runChecksForCommand(
    CaseStore& store, analytics::CheckOptions options, const QString& policyFile, bool quiet)
{
    Result<analytics::Policy> applied = analytics::selectPolicy(store, policyFile);
    if (!applied)
        return applied.error();
    options.policy = *applied;
    const bool showProgress = !quiet && stderrIsTerminal();
    if (showProgress)
        options.progress = [](double fraction, const QString& message) {
            err() << QStringLiteral("\r%1% %2").arg(int(fraction * 100), 3).arg(message).leftJustified(70) << Qt::flush;
        };
    Result<analytics::CheckReport> report = analytics::runChecks(store, options);
    if (showProgress)
        err() << "\r" << QString(72, QLatin1Char(' ')) << "\r" << Qt::flush;
    return report;
}

} // namespace capaudit::cli

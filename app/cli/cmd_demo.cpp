// SPDX-License-Identifier: GPL-3.0-or-later
#include "command.h"
#include "demo/demogenerator.h"
#include "demo/readme.h"
#include "util/timeutil.h"

#include <QCommandLineParser>
#include <QDir>

namespace capaudit::cli {

namespace {

int runDemo(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption outOption(QStringLiteral("out"),
        QStringLiteral("Directory to create (must not exist or be empty)."), QStringLiteral("DIR"));
    const QCommandLineOption seed(QStringLiteral("seed"),
        QStringLiteral("Random seed (default 1): same seed, same data."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption days(QStringLiteral("days"),
        QStringLiteral("Length of the period in days (7-366, default 30)."), QStringLiteral("N"), QStringLiteral("30"));
    const QCommandLineOption step(QStringLiteral("step"),
        QStringLiteral("Telemetry resolution, e.g. 5m (default), 1m, 15m, 1h."), QStringLiteral("DURATION"),
        QStringLiteral("5m"));
    const QCommandLineOption providers(QStringLiteral("providers"),
        QStringLiteral("Number of competing providers (1-8, default 3)."), QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption nodes(QStringLiteral("nodes"),
        QStringLiteral("Nodes per provider (3-64; default 8-12, varying by provider)."), QStringLiteral("N"));
    const QCommandLineOption start(QStringLiteral("start"),
        QStringLiteral("First day, YYYY-MM-DD (default 2026-09-01)."), QStringLiteral("DATE"),
        QStringLiteral("2026-09-01"));
    // The list comes from the fault table itself, so a new fault can never be missing from the help.
    QStringList faultNames;
    for (const demo::FaultKind kind : demo::allFaultKinds())
        faultNames << demo::faultKindName(kind);
    const QCommandLineOption faults(QStringLiteral("faults"),
        QStringLiteral("Faults to inject: all (default), none, or a comma list of %1 (docs/demo.md).")
            .arg(faultNames.join(QStringLiteral(", "))),
        QStringLiteral("LIST"), QStringLiteral("all"));
    const QCommandLineOption quiet(
        { QStringLiteral("q"), QStringLiteral("quiet") }, QStringLiteral("Print nothing but errors."));
    parser.addOptions({ outOption, seed, days, step, providers, nodes, start, faults, quiet });
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Writes a simulated compute bank: a demo PKI as a trust store, signed "
                           "telemetry, attestation and FOCUS billing bundles for competing "
                           "providers, and faults.json, the ground truth of the injected faults.")))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("demo: unexpected argument '%1'").arg(parser.positionalArguments().first()));
    if (!parser.isSet(outOption))
        return usageError(QStringLiteral("demo: --out DIR is required"));

    demo::DemoConfig config;
    auto integer = [&](const QCommandLineOption& option, int& target) {
        bool ok = false;
        const int v = parser.value(option).toInt(&ok);
        if (ok)
            target = v;
        return ok;
    };
    bool ok = false;
    config.seed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        return usageError(QStringLiteral("demo: --seed: '%1' is not a non-negative integer").arg(parser.value(seed)));
    if (!integer(days, config.days))
        return usageError(QStringLiteral("demo: --days: '%1' is not a number").arg(parser.value(days)));
    if (!integer(providers, config.providers))
        return usageError(QStringLiteral("demo: --providers: '%1' is not a number").arg(parser.value(providers)));
    if (parser.isSet(nodes) && !integer(nodes, config.nodesPerProvider))
        return usageError(QStringLiteral("demo: --nodes: '%1' is not a number").arg(parser.value(nodes)));
    const std::optional<qint64> stepSeconds = parseDuration(parser.value(step));
    if (!stepSeconds)
        return usageError(QStringLiteral("demo: --step: '%1' is not a duration like 5m").arg(parser.value(step)));
    config.stepSeconds = *stepSeconds;
    const QDate date = QDate::fromString(parser.value(start), Qt::ISODate);
    if (!date.isValid())
        return usageError(QStringLiteral("demo: --start: '%1' is not a date like 2026-09-01").arg(parser.value(start)));
    config.start = QDateTime(date, QTime(0, 0), Qt::UTC);
    const Result<QList<demo::FaultKind>> faultList = demo::parseFaultList(parser.value(faults));
    if (!faultList)
        return usageError(QStringLiteral("demo: ") + faultList.error().toString());
    config.faults = *faultList;
    if (Status s = config.validate(); !s)
        return usageError(QStringLiteral("demo: ") + s.error().toString());

    const QString dir = parser.value(outOption);
    const bool verbose = !parser.isSet(quiet) && stderrIsTerminal();
    const Result<demo::DemoSummary> summary = demo::generateDemo(config, dir, [&](const QString& path) {
        if (verbose)
            err() << "  wrote " << path << Qt::endl;
    });
    if (!summary) {
        err() << "capaudit-cli: demo: " << summary.error().toString() << Qt::endl;
        return kExitUsage;
    }
    if (!parser.isSet(quiet)) {
        out() << demo::summaryText(*summary, QDir::cleanPath(dir));
        out().flush();
    }
    return kExitOk;
}

} // namespace

CAPAUDIT_REGISTER_COMMAND("demo", "Write a simulated compute bank (signed demo bundles with injected faults)", runDemo);

} // namespace capaudit::cli

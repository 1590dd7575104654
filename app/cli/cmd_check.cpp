// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-cli check: run the compliance rules of a policy over a case.
#include "analytics/checkrunner.h"
#include "analytics/periodchoice.h"
#include "caseaccess.h"
#include "command.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QJsonArray>

#include <cmath>

namespace capaudit::cli {
namespace {

using namespace capaudit::analytics;

QString number(double v, int decimals = 2)
{
    return std::isnan(v) ? QStringLiteral("-") : QString::number(v, 'f', decimals);
}

void printHuman(const CheckReport& report)
{
    out() << "case " << report.caseName << " (" << report.caseId << ")\n";
    out() << "policy " << report.policyName << " sha256:" << report.policyDigest << "\n";
    if (!formatPeriod(report.period).isEmpty())
        out() << "period " << formatPeriod(report.period) << "\n";
    out() << report.samplesScanned << " samples (" << report.rawSamplesRead
          << " of them read one by one, the rest through node-hour aggregates) and " << report.billingRowsScanned
          << " billing rows checked\n\n";
    for (const Finding& f : report.findings) {
        out() << severityName(f.severity).toUpper().leftJustified(9) << f.id << "\n         " << f.title << "\n";
        QStringList scope;
        if (!f.provider.isEmpty())
            scope << QStringLiteral("provider=") + f.provider;
        if (!f.node.isEmpty())
            scope << QStringLiteral("node=") + f.node;
        if (!f.tenant.isEmpty())
            scope << QStringLiteral("tenant=") + f.tenant;
        if (!f.resourceClass.isEmpty())
            scope << QStringLiteral("class=") + f.resourceClass;
        if (!f.region.isEmpty())
            scope << QStringLiteral("region=") + f.region;
        if (f.range.end > f.range.start)
            scope << formatUnixSeconds(f.range.start) + QStringLiteral("..") + formatUnixSeconds(f.range.end);
        out() << "         " << scope.join(QLatin1Char(' ')) << "\n";
        if (!std::isnan(f.amount))
            out() << "         amount " << number(f.amount) << " " << f.currency << "\n";
        for (const EvidenceRef& ref : f.evidence) {
            out() << "         evidence " << ref.bundleDigest.left(16);
            if (!ref.file.isEmpty())
                out() << " " << ref.file;
            if (ref.firstLine > 0)
                out() << ":" << ref.firstLine
                      << (ref.lastLine > ref.firstLine ? QStringLiteral("-%1").arg(ref.lastLine) : QString());
            out() << " (" << ref.note << ")\n";
        }
    }
    out() << "\nrule                      findings  worst\n";
    for (const RuleOutcome& r : report.rules)
        out() << r.ruleId.leftJustified(26)
              << (r.enabled ? QString::number(r.findings) : QStringLiteral("off")).leftJustified(10)
              << (r.findings ? severityName(r.worst) : QString()) << "\n";
    if (!report.threeWay.isEmpty()) {
        // The three-way match in one line per leg set (--json has every column).
        out() << "\nthree-way match (unit-hours; amounts in the contract currency)\n";
        for (const ThreeWayLine& l : report.threeWay) {
            out() << l.provider << " " << formatPeriod(l.period) << " "
                  << (l.resourceClass.isEmpty() ? QStringLiteral("-") : l.resourceClass) << " " << l.kind << ": ";
            if (l.kind == u"match")
                out() << "committed " << number(l.committedQuantity) << ", delivered " << number(l.deliveredQuantity)
                      << ", allocated " << number(l.allocatedQuantity) << ", billed " << number(l.billedAmount)
                      << ", invoiced " << number(l.invoicedAmount);
            else if (l.kind == u"idle")
                out() << "idle " << number(l.idleQuantity) << " = " << number(l.idleAmount) << " " << l.currency;
            else
                out() << "credit owed " << number(l.creditOwed) << ", given " << number(l.creditGiven);
            out() << (l.status == u"differs" ? " DIFFERS" : "") << "\n";
        }
    }
    const QMap<Severity, int> counts = report.countBySeverity();
    out() << "\n"
          << report.findings.size() << " findings (critical " << counts.value(Severity::Critical) << ", high "
          << counts.value(Severity::High) << ", medium " << counts.value(Severity::Medium) << ", low "
          << counts.value(Severity::Low) << ", info " << counts.value(Severity::Info) << "): "
          << (report.failed() ? QStringLiteral("FAIL (a finding reaches %1)").arg(severityName(report.failingSeverity))
                              : QStringLiteral("PASS"))
          << Qt::endl;
}

int runCheck(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("The case file."), QStringLiteral("CASE"));
    const QCommandLineOption policy(QStringLiteral("policy"),
        QStringLiteral("Policy file to apply (stored in the case); default: the case's policy, else the built-in one."),
        QStringLiteral("FILE"));
    const QCommandLineOption period = periodOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the canonical JSON result."));
    const QCommandLineOption threads(
        QStringLiteral("threads"), QStringLiteral("Scanning threads (default: one per core)."), QStringLiteral("N"));
    const QCommandLineOption snap(QStringLiteral("snap"),
        QStringLiteral("Widen --period to whole hours and to the charge periods it cuts (as the GUI's period picker "
                       "does)."));
    parser.addOptions({ policy, period, snap, json, threads });
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Run the compliance rules over a case. Exit 0: no finding reaches the policy's failing "
                           "severity; 1: some does; 2: usage or I/O error.")))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("check: name exactly one CASE file"));
    CheckOptions options;
    Result<Period> chosenPeriod = periodArgument(parser, period);
    if (!chosenPeriod)
        return usageError(chosenPeriod.error().toString());
    options.period = *chosenPeriod;
    if (parser.isSet(threads)) {
        bool ok = false;
        options.threads = parser.value(threads).toInt(&ok);
        if (!ok || options.threads < 1 || options.threads > 64)
            return usageError(QStringLiteral("check: --threads must be 1..64"));
    }
    std::unique_ptr<CaseStore> store = openCase(parser.positionalArguments().first());
    if (!store)
        return kExitUsage;
    if (options.period.end > options.period.start) {
        // A charge period judged on part of its usage reads as over- or under-billing that is not there.
        Result<SnappedPeriod> snapped = snapToChargePeriods(*store, options.period);
        if (!snapped)
            return usageError(snapped.error().toString());
        if (parser.isSet(snap))
            options.period = snapped->period;
        else if (snapped->rowsCut > 0)
            err() << "capaudit-cli: note: --period " << formatPeriod(snapped->proposed)
                  << " cuts the charge periods of " << snapped->rowsCut
                  << " FOCUS row(s); whole charge periods: --period " << formatPeriod(snapped->period)
                  << " (or add --snap)" << Qt::endl;
    }
    Result<CheckReport> report = runChecksForCommand(
        *store, options, parser.isSet(policy) ? parser.value(policy) : QString(), parser.isSet(json));
    if (!report)
        return usageError(report.error().toString());
    if (parser.isSet(json)) {
        out() << QString::fromUtf8(prettyJson(report->toJson()));
        out().flush();
    } else {
        printHuman(*report);
    }
    return report->failed() ? kExitFindings : kExitOk;
}

} // namespace

CAPAUDIT_REGISTER_COMMAND("check", "Run the compliance rules of a policy over a case", runCheck);

} // namespace capaudit::cli

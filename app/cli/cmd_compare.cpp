// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-cli compare: every provider of a case as a bidder; criteria matrix, weights, ranking, sensitivity.
#include "analytics/checkrunner.h"
#include "analytics/comparison.h"
#include "analytics/policyselection.h"
#include "caseaccess.h"
#include "command.h"
#include "util/jsonutil.h"

#include <QFile>

#include <cmath>

namespace capaudit::cli {
namespace {

using namespace capaudit::analytics;

void printHuman(const BidComparison& c)
{
    out() << "bid comparison of " << c.bidders.size() << " bidders\n\nweights:";
    for (const CriterionInfo& info : comparisonCriteria())
        out() << ' ' << info.id << ' ' << QString::number(c.weights.weights.value(info.id), 'f', 3);
    out() << "\n\n";
    QList<QStringList> rows;
    QStringList header { QStringLiteral("criterion (0..100)") };
    for (const BidderScore& b : c.bidders)
        header << b.provider;
    rows << header;
    for (const CriterionInfo& info : comparisonCriteria()) {
        QStringList row { info.id };
        for (const BidderScore& b : c.bidders) {
            const CriterionScore s = b.criteria.value(info.id);
            row << (s.available ? QString::number(s.score, 'f', 1) : QStringLiteral("n/a (0)"));
        }
        rows << row;
    }
    QStringList total { QStringLiteral("weighted total") }, rank { QStringLiteral("rank") };
    QStringList unadjusted { QStringLiteral("without findings") }, unadjustedRank { QStringLiteral("rank without") };
    for (const BidderScore& b : c.bidders) {
        total << QString::number(b.total, 'f', 1);
        rank << QString::number(b.rank);
        unadjusted << QString::number(b.unadjustedTotal, 'f', 1);
        unadjustedRank << QString::number(b.unadjustedRank);
    }
    rows << total << rank << unadjusted << unadjustedRank;
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList& row : rows)
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i == 0 ? row[i].leftJustified(widths[i] + 2) : row[i].rightJustified(widths[i] + 2);
        out() << line << '\n';
    }
    out() << "\nranking:";
    for (const BidderScore& b : c.bidders)
        out() << ' ' << b.rank << ". " << b.provider;
    out() << "\nsensitivity (each weight " << QString::number(-100 * kSensitivityStep) << "% / +"
          << QString::number(100 * kSensitivityStep) << "%): " << c.verdict << '\n';
    for (const SensitivityFlip& f : c.flips)
        out() << "  " << f.criterion << " x" << QString::number(f.factor, 'f', 2) << ": " << f.below << " moves above "
              << f.above << '\n';
    for (const QString& note : c.notes)
        out() << "note: " << note << '\n';
    out().flush();
}

int runCompare(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("The case file."), QStringLiteral("CASE"));
    const QCommandLineOption weightsOption(QStringLiteral("weights"),
        QStringLiteral("Criteria weights (JSON {\"weights\": {...}}), saved in the case; default: the case's "
                       "weights, else equal weights."),
        QStringLiteral("FILE"));
    const QCommandLineOption period = periodOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the canonical JSON result."));
    parser.addOptions({ weightsOption, period, json });
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Compare the case's providers as bidders: delivered vs claimed capacity, SLA, cost per "
                           "delivered unit, findings, evidence assurance; weighted ranking and its sensitivity. "
                           "Exit 0: done; 2: usage or I/O error.")))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("compare: name exactly one CASE file"));
    CheckOptions options;
    Result<Period> chosenPeriod = periodArgument(parser, period);
    if (!chosenPeriod)
        return usageError(chosenPeriod.error().toString());
    options.period = *chosenPeriod;
    std::optional<ComparisonWeights> fromFile;
    if (parser.isSet(weightsOption)) {
        Result<ComparisonWeights> parsed = readJsonFileAs<ComparisonWeights>(parser.value(weightsOption));
        if (!parsed)
            return usageError(parsed.error().toString());
        fromFile = *parsed;
    }
    std::unique_ptr<CaseStore> store = openCase(parser.positionalArguments().first());
    if (!store)
        return kExitUsage;
    ComparisonWeights weights;
    if (fromFile) {
        if (Status saved = saveWeights(*store, *fromFile); !saved)
            return usageError(saved.error().toString());
        weights = *fromFile;
    } else {
        Result<ComparisonWeights> stored = loadWeights(*store);
        if (!stored)
            return usageError(stored.error().toString());
        weights = *stored;
    }
    Result<CheckReport> report = runChecksForCommand(*store, options, QString(), parser.isSet(json));
    if (!report)
        return usageError(report.error().toString());
    const BidComparison comparison = compareBids(*report, weights);
    if (parser.isSet(json)) {
        QJsonObject result = comparison.toJson();
        result.insert(QStringLiteral("caseId"), report->caseId);
        result.insert(QStringLiteral("policyDigest"), report->policyDigest);
        result.insert(QStringLiteral("period"), formatPeriod(report->period));
        out() << QString::fromUtf8(prettyJson(result));
        out().flush();
    } else {
        printHuman(comparison);
    }
    return kExitOk;
}

} // namespace
} // namespace capaudit::cli

CAPAUDIT_REGISTER_COMMAND(
    "compare", "Compare the case's providers as bidders: scores, ranking, sensitivity.", capaudit::cli::runCompare);

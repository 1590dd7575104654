// SPDX-License-Identifier: GPL-3.0-or-later
// Bid comparison over a check run, and the reviewer's weights kept in the case.
#include "analytics/checkrunner.h"
#include "analytics/comparison.h"
#include "store/casestore.h"

namespace capaudit::analytics {

namespace {
const QString kWeightsKind = QStringLiteral("weights");
}

BidComparison compareBids(const CheckReport& report, const ComparisonWeights& weights)
{
    QList<BidderInput> bidders;
    for (const ProviderFacts& facts : report.providers) {
        QList<Finding> own;
        for (const Finding& f : report.findings)
            if (f.provider == facts.provider)
                own.append(f);
        bidders.append({ facts, report.countBySeverity(facts.provider), own });
    }
    return compareBids(bidders, weights);
}

Status saveWeights(CaseStore& store, const ComparisonWeights& weights)
{
    Result<CaseDocument> saved = store.saveDocument(kWeightsKind, QString(), weights.toJson());
    if (!saved)
        return saved.error();
    return {};
}

Result<ComparisonWeights> loadWeights(CaseStore& store)
{
    Result<std::optional<CaseDocument>> document = store.latestDocument(kWeightsKind, QString());
    if (!document)
        return document.error();
    if (!document->has_value())
        return ComparisonWeights::defaults();
    return ComparisonWeights::fromJson((*document)->content, QStringLiteral("weights in the case"));
}

} // namespace capaudit::analytics

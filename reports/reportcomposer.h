// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reportdata.h"
#include "reportrenderer.h"

#include <atomic>

namespace capaudit::reports {

// Gathers everything the report prints from the case: runs the compliance checks with the case's policy, reads the
// evidence inventory, allocation series, capacity plan, bid comparison and audit trail, and computes the manifest.
// Only the sections in options.sections are gathered (the checks always run: the summary and manifest need them).
// Reads only; safe on a worker thread with its own CaseStore.
Result<ReportData> composeReport(CaseStore& store, const ReportOptions& options, const ProgressFn& progress = {},
    const std::atomic_bool* cancel = nullptr);

// The policy a report applies, chosen like `check` does (analytics::selectPolicy): POLICYPATH when given, else the
// case's saved policy document, else the built-in default.
Result<analytics::Policy> reportPolicy(CaseStore& store, const QString& policyPath);

// Parts of composeReport(), exposed for the exports and tests.
void filterProviders(analytics::CheckReport& report, const QStringList& providers);
Status addForecasts(CaseStore& store, const ReportOptions& options, ReportData& data);
Status addComparison(CaseStore& store, ReportData& data);

} // namespace capaudit::reports

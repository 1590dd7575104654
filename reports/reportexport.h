// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reportdata.h"
#include "util/result.h"

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace capaudit::reports {

// Tabular exports of the report's data (docs/report.md, "Exports"): the same column names in CSV and JSON.
enum class ExportWhat { Findings, Reconciliation, Comparison };
enum class ExportFormat { Csv, Json };
std::optional<ExportWhat> exportWhatFromName(QStringView name); // "findings", "reconciliation", "comparison"
std::optional<ExportFormat> exportFormatFromName(QStringView name); // "csv", "json"
QString exportWhatName(ExportWhat what);

struct ExportTable {
    QStringList columns;
    QList<QStringList> rows; // every value as text; "" for none
};

// The columns are part of the file format: changing one is a breaking change.
QStringList exportColumns(ExportWhat what);
ExportTable exportTable(const ReportData& data, ExportWhat what);

// RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF; UTF-8 without BOM.
QByteArray toCsv(const ExportTable& table);
// {"format": "capaudit-export/v1", "what", "case", "policyDigest", "period", "columns", "rows": [{column: value}]}
// with numbers as JSON numbers; keys sorted, so re-running gives identical bytes.
QByteArray toJson(const ExportTable& table, const ReportData& data, ExportWhat what);

struct ExportOptions {
    ExportWhat what = ExportWhat::Findings;
    ExportFormat format = ExportFormat::Csv;
    QString outputPath;
    Period period;
    QStringList providers;
    QString policyPath;
};

// Runs what the table needs (checks, comparison) over the case and writes the file atomically. Returns the rows.
Result<int> writeExport(CaseStore& store, const ExportOptions& options);

} // namespace capaudit::reports

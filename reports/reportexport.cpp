// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportexport.h"

#include "reportcomposer.h"
#include "util/csvcell.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QJsonArray>
#include <QLocale>

namespace capaudit::reports {

namespace {

QString number(double v)
{
    return isMissing(v) ? QString() : QString::number(v, 'g', QLocale::FloatingPointShortest);
}

QString time(qint64 t)
{
    return t > 0 ? formatUnixSeconds(t) : QString();
}

// Columns whose values are numbers in JSON.
bool numericColumn(const QString& column)
{
    static const QStringList numeric { QStringLiteral("measured"), QStringLiteral("expected"), QStringLiteral("amount"),
        QStringLiteral("measured_quantity"), QStringLiteral("billed_quantity"), QStringLiteral("billed_cost"),
        QStringLiteral("unit_price"), QStringLiteral("difference"), QStringLiteral("first_line"),
        QStringLiteral("last_line"), QStringLiteral("weight"), QStringLiteral("value"), QStringLiteral("score"),
        QStringLiteral("total"), QStringLiteral("rank"), QStringLiteral("committed_quantity"),
        QStringLiteral("contracted_price"), QStringLiteral("expected_charge"), QStringLiteral("delivered_quantity"),
        QStringLiteral("allocated_quantity"), QStringLiteral("invoiced_quantity"), QStringLiteral("invoiced_amount"),
        QStringLiteral("duplicate_amount"), QStringLiteral("idle_quantity"), QStringLiteral("idle_amount"),
        QStringLiteral("credit_owed"), QStringLiteral("credit_given") };
    return numeric.contains(column);
}

QString evidenceRefs(const analytics::Finding& f)
{
    QStringList refs;
    for (const analytics::EvidenceRef& e : f.evidence) {
        QString r = e.bundleDigest;
        if (!e.file.isEmpty())
            r += QLatin1Char(':') + e.file;
        if (e.firstLine > 0)
            r += QLatin1Char(':') + QString::number(e.firstLine) + QLatin1Char('-') + QString::number(e.lastLine);
        refs << r;
    }
    return refs.join(QLatin1Char(' '));
}

} // namespace

std::optional<ExportWhat> exportWhatFromName(QStringView name)
{
    for (ExportWhat w : { ExportWhat::Findings, ExportWhat::Reconciliation, ExportWhat::Comparison })
        if (name == exportWhatName(w))
            return w;
    return std::nullopt;
}

std::optional<ExportFormat> exportFormatFromName(QStringView name)
{
    if (name == u"csv")
        return ExportFormat::Csv;
    if (name == u"json")
        return ExportFormat::Json;
    return std::nullopt;
}

QString exportWhatName(ExportWhat what)
{
    switch (what) {
    case ExportWhat::Findings:
        return QStringLiteral("findings");
    case ExportWhat::Reconciliation:
        return QStringLiteral("reconciliation");
    case ExportWhat::Comparison:
        return QStringLiteral("comparison");
    }
    return {};
}

QStringList exportColumns(ExportWhat what)
{
    switch (what) {
    case ExportWhat::Findings:
        return { QStringLiteral("id"), QStringLiteral("rule"), QStringLiteral("severity"), QStringLiteral("title"),
            QStringLiteral("provider"), QStringLiteral("node"), QStringLiteral("tenant"),
            QStringLiteral("resource_class"), QStringLiteral("region"), QStringLiteral("start"), QStringLiteral("end"),
            QStringLiteral("measured"), QStringLiteral("expected"), QStringLiteral("unit"), QStringLiteral("amount"),
            QStringLiteral("currency"), QStringLiteral("evidence") };
    case ExportWhat::Reconciliation:
        return { QStringLiteral("provider"), QStringLiteral("invoice_id"), QStringLiteral("tenant"),
            QStringLiteral("resource_class"), QStringLiteral("unit"), QStringLiteral("currency"),
            QStringLiteral("start"), QStringLiteral("end"), QStringLiteral("measured_quantity"),
            QStringLiteral("billed_quantity"), QStringLiteral("billed_cost"), QStringLiteral("unit_price"),
            QStringLiteral("difference"), QStringLiteral("amount"), QStringLiteral("within_tolerance"),
            QStringLiteral("bundle"), QStringLiteral("first_line"), QStringLiteral("last_line"),
            QStringLiteral("status"), QStringLiteral("reason"), QStringLiteral("rows"),
            QStringLiteral("attested_unit_price"), QStringLiteral("expected_cost"),
            // Issue 18: the three-way match follows the billing lines ("line" = "three-way:<kind>").
            QStringLiteral("line"), QStringLiteral("committed_quantity"), QStringLiteral("contracted_price"),
            QStringLiteral("expected_charge"), QStringLiteral("delivered_quantity"),
            QStringLiteral("allocated_quantity"), QStringLiteral("invoiced_quantity"),
            QStringLiteral("invoiced_amount"), QStringLiteral("duplicate_amount"), QStringLiteral("idle_quantity"),
            QStringLiteral("idle_amount"), QStringLiteral("credit_owed"), QStringLiteral("credit_given"),
            QStringLiteral("findings") };
    case ExportWhat::Comparison:
        return { QStringLiteral("provider"), QStringLiteral("rank"), QStringLiteral("criterion"),
            QStringLiteral("title"), QStringLiteral("weight"), QStringLiteral("value"), QStringLiteral("score"),
            QStringLiteral("total") };
    }
    return {};
}

ExportTable exportTable(const ReportData& data, ExportWhat what)
{
    ExportTable t;
    t.columns = exportColumns(what);
    switch (what) {
    case ExportWhat::Findings:
        for (const analytics::Finding& f : data.checks.findings)
            t.rows.append({ f.id, f.ruleId, analytics::severityName(f.severity), f.title, f.provider, f.node, f.tenant,
                f.resourceClass, f.region, time(f.range.start), time(f.range.end), number(f.measured),
                number(f.expected), f.unit, number(f.amount), f.currency, evidenceRefs(f) });
        break;
    case ExportWhat::Reconciliation:
        for (const analytics::ReconciliationLine& l : data.checks.reconciliation)
            t.rows.append({ l.provider, l.invoiceId, l.tenant, l.resourceClass, l.unit, l.currency,
                time(l.period.start), time(l.period.end), number(l.measuredQuantity), number(l.billedQuantity),
                number(l.billedCost), number(l.unitPrice), number(l.difference), number(l.amount),
                l.withinTolerance ? QStringLiteral("true") : QStringLiteral("false"), l.bundleDigest,
                QString::number(l.firstLine), QString::number(l.lastLine), l.status, l.reason, QString::number(l.rows),
                number(l.attestedUnitPrice), number(l.expectedCost), QStringLiteral("billing"), {}, {}, {}, {}, {}, {},
                {}, {}, {}, {}, {}, {}, {} });
        for (const analytics::ThreeWayLine& l : data.checks.threeWay) {
            const bool match = l.kind == u"match";
            t.rows.append({ l.provider, l.invoices.join(QLatin1Char(' ')), {}, l.resourceClass,
                QStringLiteral("unit-hours"), l.currency, time(l.period.start), time(l.period.end),
                number(l.allocatedQuantity), match ? number(l.billedQuantity) : QString(),
                match ? number(l.billedAmount) : QString(), number(l.contractedPrice),
                match ? number(l.invoicedMinusAllocated()) : QString(),
                match ? number(l.invoicedMinusBilled()) : QString(),
                l.status == u"match" ? QStringLiteral("true") : QStringLiteral("false"), {}, {}, {}, l.status, {}, {},
                number(l.contractedPrice), number(l.expectedCharge), QStringLiteral("three-way:") + l.kind,
                number(l.committedQuantity), number(l.contractedPrice), number(l.expectedCharge),
                match ? number(l.deliveredQuantity) : QString(), number(l.allocatedQuantity),
                number(l.invoicedQuantity), number(l.invoicedAmount), number(l.duplicateAmount), number(l.idleQuantity),
                number(l.idleAmount), number(l.creditOwed), number(l.creditGiven), l.findings.join(QLatin1Char(' ')) });
        }
        break;
    case ExportWhat::Comparison: {
        const ComparisonData& c = data.comparison;
        for (int p = 0; p < c.providers.size(); ++p) {
            for (const ComparisonCriterion& cr : c.criteria)
                t.rows.append({ c.providers[p], QString::number(p + 1), cr.id, cr.title, number(cr.weight),
                    number(cr.values.value(p, kMissing)), number(cr.scores.value(p, kMissing)),
                    number(c.totals.value(p, kMissing)) });
        }
        break;
    }
    }
    return t;
}

QByteArray toCsv(const ExportTable& table)
{
    QByteArray out;
    // Column names are ours; numeric columns hold numbers CapAudit formatted; every other cell is text from the
    // evidence or the case and is neutralised against formula injection (util/csvcell.h).
    auto line = [&](const QStringList& values, bool header) {
        for (qsizetype i = 0; i < values.size(); ++i) {
            if (i > 0)
                out += ',';
            const bool number = !header && numericColumn(table.columns.value(i));
            out += csvCell(values[i], number ? CsvCell::Number : CsvCell::Text);
        }
        out += "\r\n";
    };
    line(table.columns, true);
    for (const QStringList& row : table.rows)
        line(row, false);
    return out;
}

QByteArray toJson(const ExportTable& table, const ReportData& data, ExportWhat what)
{
    QJsonArray rows;
    for (const QStringList& row : table.rows) {
        QJsonObject o;
        for (qsizetype i = 0; i < table.columns.size(); ++i) {
            const QString& col = table.columns[i];
            const QString v = row.value(i);
            if (col == u"within_tolerance")
                o.insert(col, v == u"true");
            else if (numericColumn(col))
                o.insert(col, v.isEmpty() ? QJsonValue() : QJsonValue(v.toDouble()));
            else
                o.insert(col, v);
        }
        rows.append(o);
    }
    const QJsonObject doc { { QStringLiteral("format"), QStringLiteral("capaudit-export/v1") },
        { QStringLiteral("what"), exportWhatName(what) },
        { QStringLiteral("case"),
            QJsonObject { { QStringLiteral("id"), data.caseId }, { QStringLiteral("name"), data.caseName } } },
        { QStringLiteral("policyDigest"), data.checks.policyDigest },
        { QStringLiteral("period"), analytics::formatPeriod(data.period) },
        { QStringLiteral("columns"), QJsonArray::fromStringList(table.columns) }, { QStringLiteral("rows"), rows },
        { QStringLiteral("integrity"),
            QJsonObject { { QStringLiteral("intact"), data.integrity.checked && data.integrity.intact },
                { QStringLiteral("statement"), data.integrity.line() } } } };
    return prettyJson(doc);
}

Result<int> writeExport(CaseStore& store, const ExportOptions& options)
{
    ReportOptions ro;
    ro.period = options.period;
    ro.providers = options.providers;
    ro.policyPath = options.policyPath;
    ro.sections = { options.what == ExportWhat::Comparison ? Section::Comparison : Section::Findings };
    Result<ReportData> data = composeReport(store, ro);
    if (!data)
        return data.error();
    const ExportTable table = exportTable(*data, options.what);
    QByteArray bytes = options.format == ExportFormat::Csv ? toCsv(table) : toJson(table, *data, options.what);
    // A CSV has no place for metadata; a case that fails verify-case gets a first line saying so (cell A1 in a
    // spreadsheet), so its numbers are never passed on as sound. The JSON always carries "integrity".
    if (options.format == ExportFormat::Csv && !data->integrity.intact)
        bytes.prepend("# " + data->integrity.line().toUtf8() + "\r\n");
    if (Status s = writeFileAtomically(options.outputPath, bytes); !s)
        return s.error();
    return int(table.rows.size());
}

} // namespace capaudit::reports

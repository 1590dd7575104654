// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-cli rows: the rows a finding cites ("data/focus.csv lines 117–315" of a bundle), read from the case's
// stored copy and checked against the bundle's digest — the evidence viewer without a display.
#include "caseaccess.h"
#include "command.h"
#include "store/evidencerows.h"
#include "util/csvcell.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace capaudit::cli {
namespace {

// A unique prefix of a bundle digest (at least 8 hex digits), as findings and `case show` print them.
Result<QString> resolveDigest(CaseStore& store, const QString& prefix)
{
    if (prefix.size() < 8)
        return Error(QString(), 0, QStringLiteral("BUNDLE"),
            QStringLiteral("'%1': give at least 8 hex digits of the bundle digest").arg(prefix));
    Result<QList<StoredBundle>> bundles = store.bundles();
    if (!bundles)
        return bundles.error();
    QStringList matches;
    for (const StoredBundle& b : std::as_const(*bundles))
        if (b.digest.startsWith(prefix.toLower()))
            matches.append(b.digest);
    if (matches.size() == 1)
        return matches.first();
    return Error(store.info().path, 0, QStringLiteral("BUNDLE"),
        matches.isEmpty()
            ? QStringLiteral("no bundle digest starts with '%1'").arg(prefix)
            : QStringLiteral("'%1' matches %2 bundles; give more digits").arg(prefix).arg(matches.size()));
}

void printText(const EvidenceRows& rows, bool stats)
{
    out() << rows.file << " of bundle " << rows.bundleDigest.left(16) << " (" << rows.fileLines << " lines, SHA-256 "
          << rows.sha256.left(16) << "… as recorded)\n";
    if (!rows.columns.isEmpty())
        out() << "columns: " << rows.columns.join(QStringLiteral(", ")) << '\n';
    for (const EvidenceRow& row : rows.rows)
        out() << (row.cited ? "> " : "  ") << QString::number(row.line).rightJustified(8) << "  " << row.raw << '\n';
    if (rows.truncated)
        out() << "(cut after " << rows.rows.size() << " rows: narrow --lines or raise --max-rows)\n";
    if (stats) {
        out() << "\nfield statistics over the cited rows (count, empty, distinct, numeric: min / max / sum):\n";
        for (const FieldStatistics& s : fieldStatistics(rows, true)) {
            out() << "  " << s.column.leftJustified(24) << ' ' << s.count << ", " << s.empty << ", " << s.distinct;
            if (s.numeric > 0)
                out() << ", " << s.numeric << ": " << QString::number(s.min, 'g', 15) << " / "
                      << QString::number(s.max, 'g', 15) << " / " << QString::number(s.sum, 'g', 15);
            out() << '\n';
        }
    }
    out().flush();
}

void printCsv(const EvidenceRows& rows)
{
    QByteArray header = "line,cited";
    for (const QString& c : rows.columns)
        header += ',' + csvCell(c);
    if (rows.columns.isEmpty())
        header += ",text";
    out() << header << '\n';
    for (const EvidenceRow& row : rows.rows) {
        QByteArray line = csvCell(QString::number(row.line), CsvCell::Number) + ',' + (row.cited ? "1" : "0");
        if (rows.columns.isEmpty())
            line += ',' + csvCell(row.raw);
        for (qsizetype c = 0; c < rows.columns.size(); ++c)
            line += ',' + csvCell(row.fields.value(c));
        out() << line << '\n';
    }
    out().flush();
}

QJsonObject toJson(const EvidenceRows& rows)
{
    QJsonArray list;
    for (const EvidenceRow& row : rows.rows)
        list.append(QJsonObject { { QStringLiteral("line"), row.line }, { QStringLiteral("cited"), row.cited },
            { QStringLiteral("raw"), row.raw }, { QStringLiteral("fields"), QJsonArray::fromStringList(row.fields) } });
    QJsonArray stats;
    for (const FieldStatistics& s : fieldStatistics(rows, true)) {
        QJsonObject o { { QStringLiteral("column"), s.column }, { QStringLiteral("count"), s.count },
            { QStringLiteral("empty"), s.empty }, { QStringLiteral("distinct"), s.distinct },
            { QStringLiteral("numeric"), s.numeric } };
        if (s.numeric > 0) {
            o.insert(QStringLiteral("min"), s.min);
            o.insert(QStringLiteral("max"), s.max);
            o.insert(QStringLiteral("sum"), s.sum);
        }
        stats.append(o);
    }
    return { { QStringLiteral("bundle"), rows.bundleDigest }, { QStringLiteral("file"), rows.file },
        { QStringLiteral("format"), rows.format }, { QStringLiteral("sha256"), rows.sha256 },
        { QStringLiteral("fileLines"), rows.fileLines }, { QStringLiteral("truncated"), rows.truncated },
        { QStringLiteral("columns"), QJsonArray::fromStringList(rows.columns) }, { QStringLiteral("rows"), list },
        { QStringLiteral("citedStatistics"), stats } };
}

int runRows(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("The case file."), QStringLiteral("CASE"));
    parser.addPositionalArgument(
        QStringLiteral("bundle"), QStringLiteral("Bundle digest or a unique prefix of it."), QStringLiteral("BUNDLE"));
    parser.addPositionalArgument(
        QStringLiteral("file"), QStringLiteral("File inside the bundle, e.g. data/focus.csv."), QStringLiteral("FILE"));
    const QCommandLineOption linesOpt(QStringLiteral("lines"),
        QStringLiteral("The cited lines, A-B or A (default: the file's first rows)."), QStringLiteral("A-B"));
    const QCommandLineOption contextOpt(
        QStringLiteral("context"), QStringLiteral("Uncited lines shown around them (default 3)."), QStringLiteral("N"));
    const QCommandLineOption maxOpt(
        QStringLiteral("max-rows"), QStringLiteral("Rows shown at most (default 20000)."), QStringLiteral("N"));
    const QCommandLineOption statsOpt(
        QStringLiteral("stats"), QStringLiteral("Field statistics of the cited rows (count, empty, distinct, …)."));
    const QCommandLineOption csvOpt(QStringLiteral("csv"), QStringLiteral("The rows as CSV (parsed columns)."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("The rows and statistics as JSON."));
    parser.addOptions({ linesOpt, contextOpt, maxOpt, statsOpt, csvOpt, jsonOpt });
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Show the rows a finding cites, from the case's stored copy of the bundle file (checked "
                           "against the digest the bundle recorded), parsed as the importer reads them.")))
        return *exit;
    const QStringList args = parser.positionalArguments();
    if (args.size() != 3)
        return usageError(QStringLiteral("rows: give CASE BUNDLE FILE"));
    EvidenceRowsQuery query;
    query.file = args.at(2);
    if (parser.isSet(linesOpt)) {
        static const QRegularExpression range(QStringLiteral("^(\\d+)(?:\\s*[-–]\\s*(\\d+))?$"));
        const QRegularExpressionMatch m = range.match(parser.value(linesOpt).trimmed());
        if (!m.hasMatch() || m.captured(1).toLongLong() < 1)
            return usageError(
                QStringLiteral("--lines: '%1' is not A-B or A (lines start at 1)").arg(parser.value(linesOpt)));
        query.firstLine = m.captured(1).toLongLong();
        query.lastLine = m.captured(2).isEmpty() ? query.firstLine : m.captured(2).toLongLong();
        if (query.lastLine < query.firstLine)
            return usageError(QStringLiteral("--lines: the end comes before the start"));
    }
    for (const auto& [option, target] : { std::pair { &contextOpt, &query.context }, { &maxOpt, &query.maxRows } }) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        *target = parser.value(*option).toLongLong(&ok);
        if (!ok || *target < 0)
            return usageError(
                QStringLiteral("--%1: '%2' is not a count").arg(option->names().first(), parser.value(*option)));
    }
    std::unique_ptr<CaseStore> store = openCase(args.at(0));
    if (!store)
        return kExitUsage;
    Result<QString> digest = resolveDigest(*store, args.at(1));
    if (!digest)
        return usageError(digest.error().toString());
    query.bundleDigest = *digest;
    Result<EvidenceRows> rows = readEvidenceRows(*store, query);
    if (!rows) {
        err() << "capaudit-cli: " << rows.error().toString() << Qt::endl;
        return kExitFindings;
    }
    if (parser.isSet(jsonOpt))
        out() << QJsonDocument(toJson(*rows)).toJson(QJsonDocument::Indented) << Qt::flush;
    else if (parser.isSet(csvOpt))
        printCsv(*rows);
    else
        printText(*rows, parser.isSet(statsOpt));
    return kExitOk;
}

} // namespace
} // namespace capaudit::cli

CAPAUDIT_REGISTER_COMMAND(
    "rows", "Show the rows a finding cites, from the case's verified copy.", capaudit::cli::runRows);

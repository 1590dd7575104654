// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-cli report / export: the PDF compliance report and the CSV/JSON exports (docs/report.md).
#include "analytics/checkrunner.h"
#include "caseaccess.h"
#include "command.h"
#include "reportexport.h"
#include "reporttext.h"
#include "reportwriter.h"

#include <QElapsedTimer>

namespace capaudit::cli {
namespace {

using namespace capaudit::reports;

QCommandLineOption providersOption()
{
    return { QStringLiteral("providers"), QStringLiteral("Only these providers (comma-separated)."),
        QStringLiteral("A,B") };
}

QCommandLineOption policyOption()
{
    return { QStringLiteral("policy"),
        QStringLiteral("Policy file to apply; default: the case's policy, else the built-in one."),
        QStringLiteral("FILE") };
}

QStringList splitList(const QString& text)
{
    QStringList out;
    for (const QString& s : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        out.append(s.trimmed());
    return out;
}

int runReport(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("The case file."), QStringLiteral("CASE"));
    const QCommandLineOption outOpt(
        QStringLiteral("out"), QStringLiteral("The PDF to write."), QStringLiteral("FILE.pdf"));
    const QCommandLineOption period = periodOption();
    const QCommandLineOption providers = providersOption();
    QStringList keys;
    for (Section s : allSections())
        keys << sectionKey(s);
    const QCommandLineOption sections(QStringLiteral("sections"),
        QStringLiteral("Sections to include (comma-separated; default all): %1.").arg(keys.join(QStringLiteral(", "))),
        QStringLiteral("LIST"));
    const QCommandLineOption reviewer(
        QStringLiteral("reviewer"), QStringLiteral("Reviewer named on the cover."), QStringLiteral("NAME"));
    const QCommandLineOption engagement(
        QStringLiteral("engagement"), QStringLiteral("Engagement reference for the cover."), QStringLiteral("TEXT"));
    const QCommandLineOption marking(QStringLiteral("confidentiality"),
        QStringLiteral("Marking in every page header (default: Confidential)."), QStringLiteral("TEXT"));
    const QCommandLineOption paper(
        QStringLiteral("paper"), QStringLiteral("a4 (default) or letter."), QStringLiteral("SIZE"));
    const QCommandLineOption pdfa(QStringLiteral("pdfa"), QStringLiteral("Write PDF/A-1b."));
    const QCommandLineOption lang(
        QStringLiteral("lang"), QStringLiteral("Report language: en (default) or zh_CN."), QStringLiteral("LANG"));
    const QCommandLineOption signKey(QStringLiteral("sign-key"),
        QStringLiteral("PEM private key: also write FILE.pdf.sig, a detached signature over the PDF."),
        QStringLiteral("KEY.pem"));
    const QCommandLineOption policy = policyOption();
    parser.addOptions(
        { outOpt, period, providers, sections, reviewer, engagement, marking, paper, pdfa, lang, signKey, policy });
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Write the PDF compliance report of a case, its manifest (FILE.pdf.manifest.json) and, with "
                           "--sign-key, a detached signature (FILE.pdf.sig). Exit 0: written; 2: usage or I/O error.")))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("report: name exactly one CASE file"));
    if (!parser.isSet(outOpt))
        return usageError(QStringLiteral("report: --out FILE.pdf is required"));
    ReportOptions options;
    options.outputPath = parser.value(outOpt);
    Result<Period> chosenPeriod = periodArgument(parser, period);
    if (!chosenPeriod)
        return usageError(chosenPeriod.error().toString());
    options.period = *chosenPeriod;
    options.providers = splitList(parser.value(providers));
    if (parser.isSet(sections)) {
        Result<QList<Section>> s = parseSections(parser.value(sections));
        if (!s)
            return usageError(QStringLiteral("report: ") + s.error().toString());
        options.sections = *s;
    }
    options.reviewer = parser.value(reviewer);
    options.engagement = parser.value(engagement);
    if (parser.isSet(marking))
        options.confidentiality = parser.value(marking);
    if (parser.isSet(paper)) {
        const auto p = paperFromName(parser.value(paper));
        if (!p)
            return usageError(QStringLiteral("report: --paper must be a4 or letter"));
        options.paper = *p;
    }
    options.pdfa = parser.isSet(pdfa);
    // English too: its catalogue holds the plural forms ("1 finding", "2 findings").
    options.language = parser.isSet(lang) ? parser.value(lang) : QString();
    if (QString why; !loadReportTranslation(options.language, &why))
        return usageError(QStringLiteral("report: ") + why);
    options.signKeyPath = parser.value(signKey);
    options.policyPath = parser.value(policy);

    std::unique_ptr<CaseStore> store = openCase(parser.positionalArguments().first());
    if (!store)
        return kExitUsage;
    ProgressFn progress;
    if (stderrIsTerminal())
        progress = [](double fraction, const QString& message) {
            err() << QStringLiteral("\r%1% %2").arg(int(fraction * 100), 3).arg(message).leftJustified(70) << Qt::flush;
        };
    QElapsedTimer timer;
    timer.start();
    Result<ReportResult> result = writeReport(*store, options, progress);
    if (progress)
        err() << "\r" << QString(72, QLatin1Char(' ')) << "\r" << Qt::flush;
    if (!result)
        return usageError(QStringLiteral("report: ") + result.error().toString());
    out() << "wrote " << result->path << " (" << result->pages << " pages, " << result->bytes << " bytes, "
          << timer.elapsed() << " ms)\n"
          << "  pdf sha256:      " << result->pdfSha256 << "\n"
          << "  manifest sha256: " << result->manifestDigest << " (" << result->manifestPath << ")\n";
    if (!result->signaturePath.isEmpty())
        out() << "  signature:       " << result->signaturePath << "\n";
    out() << "  recorded in the audit trail as entry " << result->trailSeq << Qt::endl;
    return kExitOk;
}

int runExport(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("The case file."), QStringLiteral("CASE"));
    const QCommandLineOption what(
        QStringLiteral("what"), QStringLiteral("findings, reconciliation or comparison."), QStringLiteral("WHAT"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("csv or json."), QStringLiteral("FORMAT"));
    const QCommandLineOption outOpt(
        QStringLiteral("out"), QStringLiteral("The file to write."), QStringLiteral("FILE"));
    const QCommandLineOption period = periodOption();
    const QCommandLineOption providers = providersOption();
    const QCommandLineOption policy = policyOption();
    parser.addOptions({ what, format, outOpt, period, providers, policy });
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Export findings, the billing reconciliation or the bid comparison as CSV (RFC 4180, "
                           "UTF-8) or JSON; columns are listed in docs/report.md. Exit 0: written; 2: usage or I/O "
                           "error.")))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("export: name exactly one CASE file"));
    ExportOptions options;
    const auto w = exportWhatFromName(parser.value(what));
    if (!w)
        return usageError(QStringLiteral("export: --what must be findings, reconciliation or comparison"));
    options.what = *w;
    const auto f = exportFormatFromName(parser.isSet(format) ? parser.value(format) : QStringLiteral("csv"));
    if (!f)
        return usageError(QStringLiteral("export: --format must be csv or json"));
    options.format = *f;
    if (!parser.isSet(outOpt))
        return usageError(QStringLiteral("export: --out FILE is required"));
    options.outputPath = parser.value(outOpt);
    Result<Period> chosenPeriod = periodArgument(parser, period);
    if (!chosenPeriod)
        return usageError(chosenPeriod.error().toString());
    options.period = *chosenPeriod;
    options.providers = splitList(parser.value(providers));
    options.policyPath = parser.value(policy);
    std::unique_ptr<CaseStore> store = openCase(parser.positionalArguments().first());
    if (!store)
        return kExitUsage;
    Result<int> rows = writeExport(*store, options);
    if (!rows)
        return usageError(QStringLiteral("export: ") + rows.error().toString());
    out() << "wrote " << *rows << " " << exportWhatName(options.what) << " rows to " << options.outputPath << Qt::endl;
    return kExitOk;
}

} // namespace

CAPAUDIT_REGISTER_COMMAND("report", "Write the PDF compliance report of a case", runReport);
CAPAUDIT_REGISTER_COMMAND("export", "Export findings, reconciliation or comparison as CSV/JSON", runExport);

} // namespace capaudit::cli

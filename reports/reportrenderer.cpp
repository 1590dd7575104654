// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportrenderer.h"

#include "pagewriter.h"
#include "reportsections.h"
#include "reporttext.h"

#include <QPageSize>
#include <QPdfWriter>

namespace capaudit::reports {

namespace {

PageWriter::Fonts reportFonts()
{
    // DejaVu first for Latin text (fonts-dejavu-core); CJK glyphs fall back to the CJK families (fonts-noto-cjk,
    // fonts-wqy-microhei) that Qt also embeds.
    const QStringList cjk { QStringLiteral("WenQuanYi Micro Hei"), QStringLiteral("Noto Sans CJK SC") };
    return { QStringList { QStringLiteral("DejaVu Sans") } + cjk,
        QStringList { QStringLiteral("DejaVu Sans Mono") } + cjk };
}

using SectionFn = void (*)(SectionContext&);

SectionFn sectionWriter(Section s)
{
    switch (s) {
    case Section::Summary:
        return writeSummary;
    case Section::Evidence:
        return writeEvidence;
    case Section::Allocation:
        return writeAllocation;
    case Section::Findings:
        return writeFindings;
    case Section::Reconciliation:
        return writeReconciliation;
    case Section::Forecast:
        return writeForecast;
    case Section::Comparison:
        return writeComparison;
    case Section::Methodology:
        return writeMethodology;
    case Section::Appendix:
        return writeAppendix;
    }
    return nullptr;
}

// One full pass. HEADINGS: the previous pass's headings (page numbers for the contents), empty on the first pass.
Result<QList<PageWriter::Heading>> runPass(const ReportData& data, QPagedPaintDevice* device, bool paint,
    const QList<PageWriter::Heading>& headings, int totalPages, int* pages, const ProgressFn& progress,
    const std::atomic_bool* cancel)
{
    const PageWriter::Fonts fonts = reportFonts();
    PageWriter pw(device, paint, fonts);
    pw.setTotalPages(totalPages);
    pw.setRunningText(data.caseName, data.confidentiality,
        ReportText::tr("CapAudit %1 · manifest %2").arg(data.version, data.manifestDigest.left(16)));
    pw.setPageLabel([](int page, int total) { return ReportText::tr("Page %1 of %2").arg(page).arg(total); });
    SectionContext context { pw, data, fonts.sans, {} };
    int n = 0;
    for (const EvidenceRow& e : data.evidence)
        context.evidenceNumber.insert(e.digest, ++n);

    writeCover(context);
    // The contents need as many lines in both passes: on the first, the headings are not known yet, so the pass is
    // laid out once more if their count changed (it cannot change between the second and the final pass).
    writeContents(context, headings);
    const QList<Section> sections = data.sections;
    for (int i = 0; i < sections.size(); ++i) {
        if (cancel && cancel->load())
            return Error(QStringLiteral("report generation cancelled"));
        if (progress && paint)
            progress(0.1 + 0.9 * double(i) / sections.size(), sectionTitle(sections[i]));
        if (SectionFn fn = sectionWriter(sections[i]))
            fn(context);
    }
    pw.finish();
    *pages = pw.page();
    return pw.headings();
}

} // namespace

QString sectionTitle(Section section)
{
    switch (section) {
    case Section::Summary:
        return ReportText::tr("Executive summary");
    case Section::Evidence:
        return ReportText::tr("Evidence inventory");
    case Section::Allocation:
        return ReportText::tr("Resource allocation");
    case Section::Findings:
        return ReportText::tr("Findings");
    case Section::Reconciliation:
        return ReportText::tr("Billing reconciliation");
    case Section::Forecast:
        return ReportText::tr("Capacity forecast");
    case Section::Comparison:
        return ReportText::tr("Bid comparison");
    case Section::Methodology:
        return ReportText::tr("Methodology");
    case Section::Appendix:
        return ReportText::tr("Appendix: audit trail and provenance");
    }
    return {};
}

Result<int> renderReport(
    const ReportData& data, QPagedPaintDevice* device, const ProgressFn& progress, const std::atomic_bool* cancel)
{
    int pages = 0;
    QList<PageWriter::Heading> headings;
    // Measuring passes until the contents are stable (normally two: the first learns the headings).
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (progress)
            progress(0.02 + 0.03 * attempt, ReportText::tr("Laying out pages"));
        Result<QList<PageWriter::Heading>> measured = runPass(data, device, false, headings, 0, &pages, {}, cancel);
        if (!measured)
            return measured.error();
        const bool stable = measured->size() == headings.size();
        bool samePages = stable;
        for (int i = 0; samePages && i < headings.size(); ++i)
            samePages = headings[i].page == measured->at(i).page;
        headings = *measured;
        if (samePages)
            break;
    }
    Result<QList<PageWriter::Heading>> painted = runPass(data, device, true, headings, pages, &pages, progress, cancel);
    if (!painted)
        return painted.error();
    if (progress)
        progress(1.0, ReportText::tr("Done"));
    return pages;
}

Result<int> writeReportPdf(const ReportData& data, const ReportOptions& options, QIODevice* out,
    const ProgressFn& progress, const std::atomic_bool* cancel)
{
    QPdfWriter writer(out);
    writer.setPageSize(QPageSize(options.paper == Paper::Letter ? QPageSize::Letter : QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(1200);
    writer.setTitle(ReportText::tr("Compliance report: %1").arg(data.caseName));
    writer.setCreator(QStringLiteral("CapAudit %1").arg(data.version));
    if (options.pdfa)
        writer.setPdfVersion(QPagedPaintDevice::PdfVersion_A1b);
    return renderReport(data, &writer, progress, cancel);
}

} // namespace capaudit::reports

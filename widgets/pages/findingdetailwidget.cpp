// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/findingdetailwidget.h"

#include "analytics/rulecatalog.h"
#include "models/findingmodel.h"
#include "models/iconprovider.h"

#include <QHBoxLayout>
#include <QJsonDocument>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace capaudit {

using analytics::EvidenceRef;
using analytics::Finding;

namespace {

QString row(const QString& label, const QString& value)
{
    if (value.isEmpty())
        return {};
    return QStringLiteral("<tr><td style='color:#555;padding-right:12px'>%1</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value);
}

QString linesText(const EvidenceRef& ref)
{
    if (ref.firstLine <= 0)
        return FindingDetailWidget::tr("whole file");
    if (ref.lastLine <= ref.firstLine)
        return FindingDetailWidget::tr("line %1").arg(ref.firstLine);
    return FindingDetailWidget::tr("lines %1–%2").arg(ref.firstLine).arg(ref.lastLine);
}

} // namespace

FindingDetailWidget::FindingDetailWidget(QWidget* parent)
    : QWidget(parent)
    , m_browser(new QTextBrowser(this))
    , m_timeline(new QPushButton(IconProvider::icon(QStringLiteral("timeline")), tr("Show on &timeline"), this))
{
    m_browser->setObjectName(QStringLiteral("findingDetail"));
    m_browser->setOpenLinks(false);
    m_timeline->setObjectName(QStringLiteral("showOnTimeline"));
    m_timeline->setToolTip(tr("Switch to the timeline, zoomed to the finding's provider, resource and period"));
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_timeline);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser, 1);
    layout->addLayout(buttons);
    connect(m_timeline, &QPushButton::clicked, this, [this] {
        if (m_finding)
            Q_EMIT showOnTimeline(*m_finding);
    });
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("bundle"))
            Q_EMIT bundleRequested(url.path());
        else if (url.scheme() == QLatin1String("rows") && m_finding) {
            bool ok = false;
            const int i = url.path().toInt(&ok);
            if (ok && i >= 0 && i < m_finding->evidence.size())
                Q_EMIT evidenceRowsRequested(m_finding->evidence.at(i));
        }
    });
    clear();
}

void FindingDetailWidget::clear()
{
    m_finding.reset();
    m_browser->setHtml(QStringLiteral("<p style='color:#777'>%1</p>")
                           .arg(tr("Select a finding to see its scope, figures and evidence.").toHtmlEscaped()));
    m_timeline->setEnabled(false);
}

void FindingDetailWidget::setFinding(const Finding& finding)
{
    m_finding = finding;
    m_browser->setHtml(html(finding));
    m_timeline->setEnabled(!finding.provider.isEmpty());
}

QString FindingDetailWidget::text() const
{
    return m_browser->toPlainText();
}

QString FindingDetailWidget::html(const Finding& f)
{
    QString out;
    out +=
        QStringLiteral("<h3 style='margin-bottom:4px'><span style='color:%1'>%2</span> %3</h3>")
            .arg(FindingModel::severityColor(f.severity).name(), FindingModel::severityText(f.severity).toHtmlEscaped(),
                analytics::localizedTitle(f).toHtmlEscaped());
    out += QStringLiteral("<table cellspacing='0' cellpadding='1'>");
    out += row(tr("Finding"), QStringLiteral("<code>%1</code>").arg(f.id.toHtmlEscaped()));
    // The rule's title beside its id, as the report prints it, so the reader need not know the ids.
    const analytics::RuleInfo* rule = analytics::findRule(f.ruleId);
    out += row(tr("Rule"),
        QStringLiteral("<code>%1</code>").arg(f.ruleId.toHtmlEscaped())
            + (rule ? QStringLiteral(" (%1)").arg(analytics::localizedTitle(*rule).toHtmlEscaped()) : QString()));
    out += row(tr("Provider"), f.provider.toHtmlEscaped());
    out += row(tr("Node"), f.node.toHtmlEscaped());
    out += row(tr("Tenant"), f.tenant.toHtmlEscaped());
    out += row(tr("Resource class"), f.resourceClass.toHtmlEscaped());
    out += row(tr("Region"), f.region.toHtmlEscaped());
    out += row(tr("Period"), FindingModel::rangeText(f.range).toHtmlEscaped());
    out +=
        row(tr("Measured"), FindingModel::quantityText(f.measured, analytics::localizedUnit(f.unit)).toHtmlEscaped());
    out +=
        row(tr("Expected"), FindingModel::quantityText(f.expected, analytics::localizedUnit(f.unit)).toHtmlEscaped());
    out += row(tr("Amount"), FindingModel::amountText(f.amount, f.currency).toHtmlEscaped());
    out += QStringLiteral("</table>");

    out += QStringLiteral("<h4 style='margin-bottom:2px'>%1</h4>").arg(tr("Evidence").toHtmlEscaped());
    if (f.evidence.isEmpty()) {
        out += QStringLiteral("<p>%1</p>").arg(tr("No evidence reference.").toHtmlEscaped());
    } else {
        out += QStringLiteral("<table cellspacing='0' cellpadding='4' border='0'>");
        out += QStringLiteral("<tr><th align='left'>%1</th><th align='left'>%2</th><th align='left'>%3</th>"
                              "<th align='left'>%4</th></tr>")
                   .arg(tr("Bundle (SHA-256)").toHtmlEscaped(), tr("File").toHtmlEscaped(), tr("Lines").toHtmlEscaped(),
                       tr("Shows").toHtmlEscaped());
        for (qsizetype i = 0; i < f.evidence.size(); ++i) {
            const EvidenceRef& ref = f.evidence.at(i);
            // A file reference opens the evidence viewer on its rows; the digest opens the bundle.
            const QString file = ref.file.isEmpty()
                ? tr("(bundle)").toHtmlEscaped()
                : QStringLiteral("<a href='rows:%1'><code>%2</code></a>").arg(i).arg(ref.file.toHtmlEscaped());
            out += QStringLiteral("<tr><td><a href='bundle:%1'><code>%2</code></a></td><td>%3</td>"
                                  "<td>%4</td><td>%5</td></tr>")
                       .arg(ref.bundleDigest.toHtmlEscaped(), ref.bundleDigest.toHtmlEscaped(), file,
                           linesText(ref).toHtmlEscaped(), analytics::localizedNote(ref.note).toHtmlEscaped());
        }
        out += QStringLiteral("</table>");
    }
    if (!f.details.isEmpty()) {
        out += QStringLiteral("<h4 style='margin-bottom:2px'>%1</h4>").arg(tr("Details").toHtmlEscaped());
        out += QStringLiteral("<pre>%1</pre>")
                   .arg(QString::fromUtf8(QJsonDocument(f.details).toJson(QJsonDocument::Indented)).toHtmlEscaped());
    }
    return out;
}

} // namespace capaudit

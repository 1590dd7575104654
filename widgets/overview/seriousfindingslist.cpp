// SPDX-License-Identifier: GPL-3.0-or-later
#include "overview/seriousfindingslist.h"

#include "models/findingmodel.h"

#include <QLabel>
#include <QVBoxLayout>

namespace capaudit {

SeriousFindingsList::SeriousFindingsList(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("seriousFindings"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
}

void SeriousFindingsList::clearRows()
{
    while (QLayoutItem* item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

void SeriousFindingsList::setPlaceholder(const QString& text)
{
    clearRows();
    auto* label = new QLabel(text, this);
    label->setStyleSheet(QStringLiteral("color: #6b6b6b"));
    m_layout->addWidget(label);
}

void SeriousFindingsList::setFindings(const QList<analytics::Finding>& findings, int total)
{
    if (findings.isEmpty()) {
        setPlaceholder(tr("The checks found nothing to report."));
        return;
    }
    clearRows();
    for (const analytics::Finding& f : findings) {
        auto* row = new QLabel(this);
        row->setObjectName(QStringLiteral("finding-%1").arg(f.id));
        row->setTextFormat(Qt::RichText);
        row->setWordWrap(true);
        row->setTextInteractionFlags(Qt::TextBrowserInteraction);
        row->setFrameShape(QFrame::StyledPanel);
        row->setBackgroundRole(QPalette::Base);
        row->setAutoFillBackground(true);
        row->setMargin(6);
        QStringList where;
        if (!f.provider.isEmpty())
            where << QStringLiteral("<b>%1</b>").arg(f.provider.toHtmlEscaped());
        const QString scope = FindingModel::scopeText(f);
        if (!scope.isEmpty())
            where << scope.toHtmlEscaped();
        if (f.range.end > f.range.start)
            where << FindingModel::rangeText(f.range).toHtmlEscaped();
        if (!isMissing(f.amount) && f.amount != 0)
            where << tr("<b>%1 at stake</b>").arg(FindingModel::amountText(f.amount, f.currency).toHtmlEscaped());
        QStringList links { tr("<a href=\"finding:%1\">Open finding</a>").arg(f.id) };
        if (f.range.end > f.range.start)
            links << tr("<a href=\"timeline:%1\">Show on timeline</a>").arg(f.id);
        row->setText(QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr>"
                                    "<td width=\"78\" valign=\"top\"><span style=\"background:%1; color:white; "
                                    "font-weight:bold\">&nbsp;%2&nbsp;</span></td>"
                                    "<td valign=\"top\">%3<br><span style=\"color:#666\">%4</span></td>"
                                    "<td width=\"210\" align=\"right\" valign=\"top\">%5</td></tr></table>")
                         .arg(FindingModel::severityColor(f.severity).name(),
                             FindingModel::severityText(f.severity).toUpper(), f.title.toHtmlEscaped(),
                             where.join(QStringLiteral(" · ")), links.join(QStringLiteral(" &nbsp; "))));
        connect(row, &QLabel::linkActivated, this, &SeriousFindingsList::linkActivated);
        m_layout->addWidget(row);
    }
    if (total > findings.size()) {
        auto* more =
            new QLabel(tr("%n further finding(s) on the Findings page.", nullptr, total - int(findings.size())), this);
        more->setStyleSheet(QStringLiteral("color: #6b6b6b"));
        m_layout->addWidget(more);
    }
}

} // namespace capaudit

// SPDX-License-Identifier: GPL-3.0-or-later
#include "overview/providercard.h"

#include "models/findingmodel.h"
#include "models/periodtext.h"
#include "models/provideroverviewmodel.h"
#include "overview/classtrendchart.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace capaudit {

using analytics::Severity;

ProviderCard::ProviderCard(const analytics::ProviderAssessment& a, const analytics::ProviderFacts& facts,
    const QList<ClassTrend>& trends, QWidget* parent)
    : QFrame(parent)
    , m_provider(a.provider)
    , m_verdict(new QLabel(this))
{
    setObjectName(QStringLiteral("providerCard-%1").arg(a.provider));
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);

    auto* name = new QLabel(a.provider, this);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    name->setFont(big);
    name->setTextInteractionFlags(Qt::TextSelectableByMouse);

    const QColor colour = ProviderOverviewModel::verdictColor(a.assessment);
    m_verdict->setObjectName(QStringLiteral("verdict"));
    m_verdict->setText(ProviderOverviewModel::verdictText(a));
    m_verdict->setWordWrap(true);
    m_verdict->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; border-radius: 4px; padding: 3px "
                                            "8px; font-weight: bold; }")
                                 .arg(colour.name()));

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(3);
    form->setLabelAlignment(Qt::AlignLeft);
    auto addFact = [&](const QString& label, const QString& value, const QString& tip = {}) {
        auto* v = new QLabel(value, this);
        v->setTextFormat(Qt::RichText);
        // Lines are broken by hand: word-wrapped labels in a form get the height of another width and clip.
        v->setToolTip(tip);
        v->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto* l = new QLabel(label, this);
        l->setStyleSheet(QStringLiteral("color: #6b6b6b"));
        form->addRow(l, v);
    };
    auto* findingsLabel = new QLabel(tr("Findings"), this);
    findingsLabel->setStyleSheet(QStringLiteral("color: #6b6b6b"));
    form->addRow(findingsLabel, makeCounts(a));
    addFact(tr("Assurance"), ProviderOverviewModel::assuranceText(a.independentlyMetered),
        a.independentlyMetered ? tr("An independent meter's signed telemetry covers some of the provider's nodes.")
                               : tr("Every measurement is signed by the provider itself; nothing checks it "
                                    "independently."));
    addFact(tr("Period"), periodText(a.telemetryPeriod).toHtmlEscaped(),
        tr("What the provider's telemetry covers within the checked period."));
    addFact(tr("Availability"), availabilityText(a));
    addFact(tr("Billing"), billingText(a),
        tr("Billed unit-hours on the reconciled invoice lines against the unit-hours the telemetry measured for the "
           "same charge periods; the amount at stake is what the findings say was over-billed."));

    auto* charts = new QGridLayout;
    charts->setHorizontalSpacing(10);
    charts->setVerticalSpacing(6);
    int i = 0;
    for (const ClassTrend& t : trends) {
        const analytics::ClassFacts cf = facts.classes.value(t.resourceClass);
        auto* chart = new ClassTrendChart(t, cf.committed, cf.deliveredMean, this);
        m_charts.append(chart);
        charts->addWidget(chart, i / 3, i % 3);
        ++i;
    }
    auto* legend = new QLabel(this);
    legend->setTextFormat(Qt::RichText);
    legend->setText(tr("<span style=\"color:#202020\">━</span> delivered &nbsp; <span style=\"color:#c03030\">╌</span> "
                       "committed"));
    legend->setStyleSheet(QStringLiteral("color: #6b6b6b"));

    auto* head = new QHBoxLayout;
    head->addWidget(name);
    head->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(6);
    layout->addLayout(head);
    layout->addWidget(m_verdict);
    layout->addLayout(form);
    if (!trends.isEmpty()) {
        layout->addLayout(charts);
        layout->addWidget(legend, 0, Qt::AlignRight);
    } else {
        legend->setText(tr("No capacity series in the period."));
        layout->addWidget(legend);
    }
    layout->addStretch(1);
}

QString ProviderCard::verdictText() const
{
    return m_verdict->text();
}

QWidget* ProviderCard::makeCounts(const analytics::ProviderAssessment& a)
{
    auto* label = new QLabel(this);
    label->setObjectName(QStringLiteral("severityCounts"));
    label->setTextFormat(Qt::RichText);
    QStringList parts;
    for (Severity s : { Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info }) {
        const int n = a.counts.value(s);
        const QString text = QStringLiteral("%1 %2").arg(n).arg(FindingModel::severityText(s).toLower());
        if (n == 0)
            continue; // the card has the width of a third of the window: only what is there

        // A link per severity: the Findings page, filtered to this provider and severity.
        parts << QStringLiteral("<a href=\"%1\" style=\"color:%2; font-weight:bold; text-decoration:none\">%3</a>")
                     .arg(int(s))
                     .arg(FindingModel::severityColor(s).name(), text);
    }
    label->setText(parts.isEmpty() ? tr("none") : parts.join(QStringLiteral(" &nbsp;·&nbsp; ")));
    label->setToolTip(tr("Click a count to list those findings."));
    connect(label, &QLabel::linkActivated, this,
        [this](const QString& link) { Q_EMIT findingsRequested(m_provider, link.toInt()); });
    return label;
}

QString ProviderCard::availabilityText(const analytics::ProviderAssessment& a) const
{
    if (isMissing(a.availability))
        return tr("no node state in the telemetry");
    const QString value = ProviderOverviewModel::percentText(a.availability);
    if (isMissing(a.availabilityTarget))
        return tr("%1 (no SLA target attested)").arg(value);
    const bool below = a.availability < a.availabilityTarget;
    return tr("<span style=\"color:%1; font-weight:bold\">%2</span> against an SLA of %3")
        .arg(below ? QStringLiteral("#b01c1c") : QStringLiteral("#2e7d32"), value,
            ProviderOverviewModel::percentText(a.availabilityTarget));
}

QString ProviderCard::billingText(const analytics::ProviderAssessment& a) const
{
    if (a.billing.isEmpty())
        return tr("no invoices in the period");
    QStringList lines;
    for (const analytics::BillingExposure& e : a.billing) {
        // A currency with findings but no reconciled line (rows billed in another currency) has only its amount.
        const bool reconciled = e.billedQuantity != 0 || e.measuredQuantity != 0;
        QStringList parts;
        if (reconciled)
            parts << tr("billed %1 · measured %2")
                         .arg(FindingModel::quantityText(e.billedQuantity, QString()),
                             FindingModel::quantityText(e.measuredQuantity, tr("unit-h")));
        if (e.amountAtStake > 0)
            parts << tr("<span style=\"color:#b01c1c; font-weight:bold\">%1 at stake</span>")
                         .arg(FindingModel::amountText(e.amountAtStake, e.currency));
        else if (reconciled)
            parts << tr("nothing at stake");
        if (e.idleAmount > 0)
            parts << tr("idle committed capacity %1").arg(FindingModel::amountText(e.idleAmount, e.currency));
        lines << parts.join(QStringLiteral("<br>"));
    }
    return lines.join(QStringLiteral("<br>"));
}

} // namespace capaudit

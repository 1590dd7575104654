// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/reportexportdialog.h"

#include "reportrenderer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QVBoxLayout>

namespace capaudit {

namespace {

QListWidgetItem* checkable(QListWidget* list, const QString& text, const QVariant& data, bool checked)
{
    auto* item = new QListWidgetItem(text, list);
    item->setData(Qt::UserRole, data);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return item;
}

} // namespace

ReportExportDialog::ReportExportDialog(const Period& period, const Period& casePeriod, const QStringList& providers,
    const QString& caseName, QWidget* parent)
    : QDialog(parent)
    , m_output(new QLineEdit(this))
    , m_wholeCase(new QCheckBox(tr("&Whole case"), this))
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
    , m_providers(new QListWidget(this))
    , m_sections(new QListWidget(this))
    , m_reviewer(new QLineEdit(this))
    , m_engagement(new QLineEdit(this))
    , m_paper(new QComboBox(this))
    , m_pdfa(new QCheckBox(tr("PDF/&A-1b (archival)"), this))
    , m_language(new QComboBox(this))
    , m_key(new QLineEdit(this))
    , m_preview(new QCheckBox(tr("Show a print &preview before saving"), this))
{
    setWindowTitle(tr("Export report"));
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("paths/reports"), QDir::homePath()).toString();
    QString base = caseName;
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
    m_output->setObjectName(QStringLiteral("reportOutput"));
    m_output->setText(
        QDir(dir).filePath(QStringLiteral("%1-report.pdf").arg(base.isEmpty() ? QStringLiteral("case") : base)));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browse);

    for (QDateTimeEdit* e : { m_from, m_to }) {
        e->setTimeSpec(Qt::UTC);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
        e->setCalendarPopup(true);
    }
    const bool hasPeriod = period.end > period.start;
    const Period shown = hasPeriod ? period : casePeriod;
    m_from->setDateTime(QDateTime::fromSecsSinceEpoch(shown.start, Qt::UTC));
    m_to->setDateTime(QDateTime::fromSecsSinceEpoch(shown.end, Qt::UTC));
    m_wholeCase->setChecked(!hasPeriod);
    m_from->setEnabled(hasPeriod);
    m_to->setEnabled(hasPeriod);
    auto* periodRow = new QHBoxLayout;
    periodRow->addWidget(m_wholeCase);
    periodRow->addWidget(m_from);
    periodRow->addWidget(new QLabel(tr("to"), this));
    periodRow->addWidget(m_to);
    periodRow->addStretch(1);

    m_providers->setObjectName(QStringLiteral("reportProviders"));
    for (const QString& p : providers)
        checkable(m_providers, p, p, true);
    m_sections->setObjectName(QStringLiteral("reportSections"));
    for (reports::Section s : reports::allSections())
        checkable(m_sections, reports::sectionTitle(s), reports::sectionKey(s), true);
    for (QListWidget* list : { m_providers, m_sections })
        list->setMaximumHeight(150);
    auto* lists = new QHBoxLayout;
    lists->addWidget(m_providers);
    lists->addWidget(m_sections);

    m_reviewer->setText(settings.value(QStringLiteral("report/reviewer")).toString());
    m_paper->addItem(tr("A4"), reports::paperName(reports::Paper::A4));
    m_paper->addItem(tr("US Letter"), reports::paperName(reports::Paper::Letter));
    m_paper->setCurrentIndex(std::max(0, m_paper->findData(settings.value(QStringLiteral("report/paper")))));
    m_language->addItem(tr("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_key->setPlaceholderText(tr("optional: PEM private key for a detached signature"));
    auto* keyBrowse = new QPushButton(tr("B&rowse…"), this);
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(keyBrowse);
    m_preview->setChecked(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&Output:"), outputRow);
    form->addRow(tr("Period:"), periodRow);
    form->addRow(tr("Providers / sections:"), lists);
    form->addRow(tr("&Reviewer:"), m_reviewer);
    form->addRow(tr("&Engagement:"), m_engagement);
    form->addRow(tr("&Paper:"), m_paper);
    form->addRow(QString(), m_pdfa);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(tr("&Signing key:"), keyRow);
    form->addRow(QString(), m_preview);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(680, sizeHint().height());

    connect(m_wholeCase, &QCheckBox::toggled, this, [this](bool whole) {
        m_from->setEnabled(!whole);
        m_to->setEnabled(!whole);
    });
    connect(browse, &QPushButton::clicked, this, &ReportExportDialog::browseOutput);
    connect(keyBrowse, &QPushButton::clicked, this, &ReportExportDialog::browseKey);
    connect(buttons, &QDialogButtonBox::accepted, this, &ReportExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ReportExportDialog::reject);
}

void ReportExportDialog::setOutputPath(const QString& path)
{
    m_output->setText(path);
}

bool ReportExportDialog::previewFirst() const
{
    return m_preview->isChecked();
}

reports::ReportOptions ReportExportDialog::options() const
{
    reports::ReportOptions o;
    if (!m_wholeCase->isChecked())
        o.period = Period { m_from->dateTime().toSecsSinceEpoch(), m_to->dateTime().toSecsSinceEpoch() };
    QStringList providers;
    bool all = true;
    for (int i = 0; i < m_providers->count(); ++i) {
        if (m_providers->item(i)->checkState() == Qt::Checked)
            providers.append(m_providers->item(i)->data(Qt::UserRole).toString());
        else
            all = false;
    }
    if (!all)
        o.providers = providers;
    o.sections.clear();
    for (int i = 0; i < m_sections->count(); ++i) {
        if (m_sections->item(i)->checkState() == Qt::Checked) {
            if (auto s = reports::sectionFromKey(m_sections->item(i)->data(Qt::UserRole).toString()))
                o.sections.append(*s);
        }
    }
    o.reviewer = m_reviewer->text().trimmed();
    o.engagement = m_engagement->text().trimmed();
    o.paper = reports::paperFromName(m_paper->currentData().toString()).value_or(reports::Paper::A4);
    o.pdfa = m_pdfa->isChecked();
    o.language = m_language->currentData().toString();
    o.signKeyPath = m_key->text().trimmed();
    o.outputPath = m_output->text().trimmed();
    return o;
}

void ReportExportDialog::accept()
{
    const reports::ReportOptions o = options();
    QString problem;
    if (o.outputPath.isEmpty())
        problem = tr("Choose where to save the report.");
    else if (!o.period.start && !m_wholeCase->isChecked())
        problem = tr("Choose a period, or the whole case.");
    else if (!m_wholeCase->isChecked() && o.period.end <= o.period.start)
        problem = tr("The period ends before it starts.");
    else if (m_providers->count() > 0 && o.providers.isEmpty() && m_providers->item(0)->checkState() != Qt::Checked)
        problem = tr("Choose at least one provider.");
    else if (!o.signKeyPath.isEmpty() && !QFileInfo(o.signKeyPath).isFile())
        problem = tr("The signing key %1 does not exist.").arg(QDir::toNativeSeparators(o.signKeyPath));
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, windowTitle(), problem);
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("paths/reports"), QFileInfo(o.outputPath).absolutePath());
    settings.setValue(QStringLiteral("report/reviewer"), o.reviewer);
    settings.setValue(QStringLiteral("report/paper"), reports::paperName(o.paper));
    QDialog::accept();
}

void ReportExportDialog::browseOutput()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save report as"), m_output->text(), tr("PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pdf");
    m_output->setText(path);
}

void ReportExportDialog::browseKey()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Signing key"), QFileInfo(m_key->text()).absolutePath(), tr("PEM keys (*.pem *.key);;All files (*)"));
    if (!path.isEmpty())
        m_key->setText(path);
}

} // namespace capaudit

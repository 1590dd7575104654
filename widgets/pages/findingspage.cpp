// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/findingspage.h"

#include "dialogs/evidenceviewerdialog.h"
#include "jobs/casereader.h"
#include "jobs/casesession.h"
#include "models/findingfiltermodel.h"
#include "models/findingmodel.h"
#include "models/iconprovider.h"
#include "models/threewaymodel.h"
#include "pages/findingdetailwidget.h"
#include "pages/recordtable.h"
#include "reportexport.h"
#include "views/audittable.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <set>

namespace capaudit {

using analytics::Finding;
using analytics::Severity;

FindingsPage::FindingsPage(CaseSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new FindingModel(this))
    , m_proxy(new FindingFilterModel(this))
    , m_view(new QTableView(this))
    , m_detail(new FindingDetailWidget(this))
    , m_threeWay(new ThreeWayModel(this))
    , m_threeWayView(new QTableView(this))
    , m_threeWayFilter(new QLineEdit(this))
    , m_filter(new QLineEdit(this))
    , m_severity(new QComboBox(this))
    , m_rule(new QComboBox(this))
    , m_provider(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_run(new QToolButton(this))
    , m_export(new QToolButton(this))
    , m_exportJob(this, CaseReader::pool())
{
    m_proxy->setSourceModel(m_model);
    setupRecordTable(m_view, m_proxy, QStringLiteral("findingTable"));

    AuditTable::setupFilter(m_filter, QStringLiteral("findingFilter"), tr("Filter by node, tenant, rule, text…"));
    m_severity->setObjectName(QStringLiteral("findingSeverity"));
    m_severity->addItem(tr("All severities"), int(Severity::Info));
    m_severity->addItem(tr("Low and above"), int(Severity::Low));
    m_severity->addItem(tr("Medium and above"), int(Severity::Medium));
    m_severity->addItem(tr("High and above"), int(Severity::High));
    m_severity->addItem(tr("Critical only"), int(Severity::Critical));
    m_rule->setObjectName(QStringLiteral("findingRule"));
    m_provider->setObjectName(QStringLiteral("findingProvider"));
    fillCombo(m_rule, tr("All rules"), {});
    fillCombo(m_provider, tr("All providers"), {});
    m_summary->setObjectName(QStringLiteral("findingSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_run->setIcon(IconProvider::icon(QStringLiteral("run-checks")));
    m_run->setText(tr("Run checks"));
    m_run->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_run->setToolTip(tr("Run the compliance checks again over the selected period (F5)"));
    m_export->setObjectName(QStringLiteral("exportFindings"));
    m_export->setIcon(IconProvider::icon(QStringLiteral("export")));
    m_export->setText(tr("Export…"));
    m_export->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_export->setToolTip(tr("Save the findings as CSV or JSON"));

    auto* top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_progress);
    top->addWidget(m_run);
    top->addWidget(m_export);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_severity);
    bar->addWidget(m_rule);
    bar->addWidget(m_provider);
    bar->addWidget(m_count);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    auto* threeWayProxy = AuditTable::filterProxy(m_threeWay, Qt::DisplayRole, this);
    threeWayProxy->setSortRole(ThreeWayModel::SortRole);
    setupRecordTable(m_threeWayView, threeWayProxy, QStringLiteral("threeWayTable"));
    AuditTable::setupFilter(m_threeWayFilter, QStringLiteral("threeWayFilter"),
        tr("Filter by provider, period, class, status…"), threeWayProxy);
    QWidget* threeWayPane = AuditTable::filteredPane(m_threeWayFilter, m_threeWayView, this);
    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("findingTabs"));
    tabs->addTab(m_detail, tr("Finding"));
    tabs->addTab(threeWayPane, tr("Three-way match"));
    tabs->setTabToolTip(1,
        tr("Contract, delivery, FOCUS billing and invoices per provider, invoice period and resource class, with the "
           "idle capacity the buyer pays for"));
    splitter->addWidget(tabs);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setText(text);
        updateCount();
    });
    connect(m_severity, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setMinimumSeverity(m_severity->currentData().toInt());
        updateCount();
    });
    connect(m_rule, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setRule(m_rule->currentData().toString());
        updateCount();
    });
    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setProvider(m_provider->currentData().toString());
        updateCount();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &FindingsPage::onCurrentChanged);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QModelIndex source = m_proxy->mapToSource(index);
        if (source.isValid())
            Q_EMIT showOnTimeline(m_model->finding(source.row()));
    });
    connect(m_detail, &FindingDetailWidget::showOnTimeline, this, &FindingsPage::showOnTimeline);
    connect(m_detail, &FindingDetailWidget::bundleRequested, this, &FindingsPage::bundleRequested);
    connect(m_detail, &FindingDetailWidget::evidenceRowsRequested, this, &FindingsPage::openEvidenceViewer);
    connect(m_run, &QToolButton::clicked, this, &FindingsPage::runChecksRequested);
    connect(m_export, &QToolButton::clicked, this, &FindingsPage::exportFindings);
    // The finding's sentence beside its severity and rule, where it can be read, not last and cut off.
    m_table = AuditTable::install(m_view, QStringLiteral("findings"), m_filter, this);
    m_table->setDefaultOrder({ FindingModel::SeverityColumn, FindingModel::RuleColumn, FindingModel::TitleColumn,
        FindingModel::ProviderColumn });
    m_table->rememberCombo(m_severity);
    m_threeWayTable = AuditTable::install(m_threeWayView, QStringLiteral("threeWay"), m_threeWayFilter, threeWayPane);
    clear();
}

EvidenceViewerDialog* FindingsPage::openEvidenceViewer(const analytics::EvidenceRef& ref)
{
    if (!m_session->isOpen())
        return nullptr;
    // Not modal: an auditor compares the cited rows of several findings side by side.
    auto* viewer = new EvidenceViewerDialog(m_session->path(), ref, this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->show();
    return viewer;
}

void FindingsPage::fillCombo(QComboBox* combo, const QString& allText, const QStringList& values)
{
    const QString current = combo->currentData().toString();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(allText, QString());
    for (const QString& v : values)
        combo->addItem(v, v);
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
}

void FindingsPage::clear()
{
    m_report = {};
    m_model->setFindings({});
    m_threeWay->setLines({});
    m_detail->clear();
    m_summary->setText(m_session->isOpen() ? tr("Checks not run yet.") : tr("No case open."));
    m_export->setEnabled(false);
    m_run->setEnabled(m_session->isOpen());
    updateCount();
}

void FindingsPage::setReport(const analytics::CheckReport& report)
{
    const QString current = m_view->currentIndex().data(FindingModel::FindingIdRole).toString();
    m_report = report;
    std::set<QString> rules, providers;
    for (const Finding& f : report.findings) {
        rules.insert(f.ruleId);
        if (!f.provider.isEmpty())
            providers.insert(f.provider);
    }
    fillCombo(m_rule, tr("All rules"), QStringList(rules.begin(), rules.end()));
    fillCombo(m_provider, tr("All providers"), QStringList(providers.begin(), providers.end()));
    m_proxy->setRule(m_rule->currentData().toString());
    m_proxy->setProvider(m_provider->currentData().toString());
    m_model->setFindings(report.findings);
    m_threeWay->setLines(report.threeWay);
    m_threeWayTable->fitColumns();
    m_table->fitColumns(260, { { FindingModel::TitleColumn, 560 } });

    const QMap<Severity, int> counts = report.countBySeverity();
    QStringList parts;
    for (Severity s : { Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info }) {
        if (counts.value(s) > 0)
            parts << QStringLiteral("<span style='color:%1'>%2 %3</span>")
                         .arg(FindingModel::severityColor(s).name())
                         .arg(counts.value(s))
                         .arg(FindingModel::severityText(s).toLower().toHtmlEscaped());
    }
    const QString period =
        report.period.end > report.period.start ? analytics::formatPeriod(report.period) : tr("the whole case");
    m_summary->setText(
        tr("<b>%1</b> · policy %2 · %3 · %4")
            .arg(report.failed() ? tr("Fails the policy") : tr("Passes the policy"), report.policyName.toHtmlEscaped(),
                period.toHtmlEscaped(), parts.isEmpty() ? tr("no findings") : parts.join(QStringLiteral(", "))));
    m_export->setEnabled(true);
    m_run->setEnabled(true);
    updateCount();
    if (current.isEmpty() || !selectFinding(current))
        m_detail->clear();
}

void FindingsPage::setRunning(bool running)
{
    m_progress->setVisible(running);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Checking… %p%"));
}

void FindingsPage::setProgress(double fraction, const QString& message)
{
    m_progress->setValue(int(fraction * 100));
    m_progress->setToolTip(message);
}

QString FindingsPage::summaryText() const
{
    return m_summary->text();
}

bool FindingsPage::selectFinding(const QString& id)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(FindingModel::FindingIdRole).toString() == id) {
            m_view->setCurrentIndex(index);
            m_view->scrollTo(index);
            return true;
        }
    }
    return false;
}

void FindingsPage::onCurrentChanged()
{
    const QModelIndex index = m_proxy->mapToSource(m_view->currentIndex());
    if (!index.isValid()) {
        m_detail->clear();
        return;
    }
    m_detail->setFinding(m_model->finding(index.row()));
}

void FindingsPage::updateCount()
{
    const int total = m_model->rowCount();
    m_count->setText(total == 1 ? tr("%1 of 1 finding").arg(m_proxy->rowCount())
                                : tr("%1 of %2 findings").arg(m_proxy->rowCount()).arg(total));
}

void FindingsPage::exportFindings()
{
    if (!m_session->isOpen())
        return;
    QSettings settings;
    QString selected;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export findings"),
        settings.value(QStringLiteral("paths/export")).toString(), tr("CSV (*.csv);;JSON (*.json)"), &selected);
    if (path.isEmpty())
        return;
    QString file = path;
    if (QFileInfo(file).suffix().isEmpty())
        file += selected.contains(QLatin1String("json")) ? QStringLiteral(".json") : QStringLiteral(".csv");
    settings.setValue(QStringLiteral("paths/export"), QFileInfo(file).absolutePath());
    reports::ExportOptions options;
    options.what = reports::ExportWhat::Findings;
    options.format = file.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? reports::ExportFormat::Json
                                                                                : reports::ExportFormat::Csv;
    options.outputPath = file;
    options.period = m_report.period;
    // The export runs the checks again on its own connection: the file stands for the case, not for this window.
    m_export->setEnabled(false);
    m_exportJob.start(CaseReader::reading(m_session->path(),
                          [options](CaseStore& store) { return reports::writeExport(store, options); }),
        [this, file](const Result<int>& rows) {
            m_export->setEnabled(true);
            if (!rows)
                QMessageBox::warning(this, tr("Export findings"), rows.error().toString());
            else
                QMessageBox::information(this, tr("Export findings"),
                    tr("%n finding(s) written to %1.", nullptr, *rows).arg(QDir::toNativeSeparators(file)));
        });
}

} // namespace capaudit

// SPDX-License-Identifier: GPL-3.0-or-later
#include "overview/startpage.h"

#include "jobs/demobankjob.h"
#include "models/iconprovider.h"
#include "models/recentcasesmodel.h"
#include "views/audittable.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace capaudit {

namespace {

QStringList localPaths(const QMimeData* mime)
{
    QStringList paths;
    if (!mime)
        return paths;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    return paths;
}

} // namespace

StartPage::StartPage(QWidget* parent)
    : QWidget(parent)
    , m_recent(new RecentCasesModel(this))
    , m_view(new QTableView(this))
    , m_dropZone(new QFrame(this))
    , m_dropText(new QLabel(m_dropZone))
    , m_demo(new DemoBankJob(this))
    , m_demoProgress(new QProgressBar(this))
    , m_demoStatus(new QLabel(this))
    , m_demoCancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("startPage"));
    setAcceptDrops(true);

    auto* title = new QLabel(tr("CapAudit"), this);
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.2);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto* tagline = new QLabel(tr("Does the evidence support the provider's claims? Verify signed telemetry, "
                                  "attestations and invoices, check them against the contract, and report."),
        this);
    tagline->setWordWrap(true);
    tagline->setStyleSheet(QStringLiteral("color: #555555"));

    // The ways in, with a line each on what they do.
    auto* actions = new QWidget(this);
    auto* actionsLayout = new QVBoxLayout(actions);
    actionsLayout->setContentsMargins(0, 0, 0, 0);
    actionsLayout->setSpacing(4);
    QPushButton* newCase = addAction(QStringLiteral("startNewCase"), tr("New case…"),
        tr("An empty case file with the trust store of your engagement."), actions);
    QPushButton* openCase = addAction(QStringLiteral("startOpenCase"), tr("Open case…"),
        tr("A case file (*.capcase) you or a colleague made."), actions);
    m_demoButton = addAction(QStringLiteral("startOpenDemo"), tr("Open the demo bank"),
        tr("A simulated compute bank of three providers with every kind of fault, generated, signed and imported "
           "here (about a minute)."),
        actions);
    newCase->setIcon(IconProvider::icon(QStringLiteral("case-new")));
    openCase->setIcon(IconProvider::icon(QStringLiteral("case-open")));
    m_demoButton->setIcon(IconProvider::icon(QStringLiteral("overview")));
    connect(newCase, &QPushButton::clicked, this, &StartPage::newCaseRequested);
    connect(openCase, &QPushButton::clicked, this, &StartPage::openCaseRequested);
    connect(m_demoButton, &QPushButton::clicked, this, [this] { openDemoBank(); });
    m_demoProgress->setObjectName(QStringLiteral("demoProgress"));
    m_demoProgress->setRange(0, 1000);
    m_demoStatus->setWordWrap(true);
    auto* demoRow = new QHBoxLayout;
    demoRow->addWidget(m_demoProgress, 1);
    demoRow->addWidget(m_demoCancel);
    actionsLayout->addLayout(demoRow);
    actionsLayout->addWidget(m_demoStatus);
    m_demoProgress->hide();
    m_demoCancel->hide();
    m_demoStatus->hide();
    connect(m_demoCancel, &QPushButton::clicked, m_demo, &DemoBankJob::cancel);
    connect(m_demo, &DemoBankJob::progress, this, [this](double fraction, const QString& message) {
        m_demoProgress->setValue(int(fraction * 1000));
        m_demoStatus->setText(message);
    });
    connect(m_demo, &DemoBankJob::finished, this, &StartPage::onDemoFinished);

    m_dropZone->setObjectName(QStringLiteral("dropZone"));
    m_dropZone->setMinimumHeight(110);
    m_dropText->setAlignment(Qt::AlignCenter);
    m_dropText->setWordWrap(true);
    m_dropText->setText(tr("<b>Drop files here</b><br>a case (.capcase) to open it, or evidence bundles (folders, "
                           ".capbundle, .tar.gz, .zip) to import them"));
    m_dropZone->setMaximumHeight(260);
    auto* dropIcon = new QLabel(m_dropZone);
    dropIcon->setPixmap(IconProvider::icon(QStringLiteral("import")).pixmap(48, 48));
    dropIcon->setAlignment(Qt::AlignCenter);
    auto* dropLayout = new QVBoxLayout(m_dropZone);
    dropLayout->addStretch(1);
    dropLayout->addWidget(dropIcon);
    dropLayout->addWidget(m_dropText);
    dropLayout->addStretch(1);
    setDropHighlight(false);

    auto* recentTitle = new QLabel(tr("<b>Recent cases</b>"), this);
    m_view->setObjectName(QStringLiteral("recentCases"));
    m_view->setModel(m_recent);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    AuditTable::install(m_view, QStringLiteral("recentCases"));
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        const QString path = index.data(RecentCasesModel::PathRole).toString();
        if (!path.isEmpty())
            Q_EMIT recentCaseRequested(path);
    });

    // The drop target takes the height the actions leave: a large, obvious place to drop files on.
    auto* left = new QVBoxLayout;
    left->addWidget(actions);
    left->addWidget(m_dropZone, 1);
    left->addStretch(0);
    auto* right = new QVBoxLayout;
    right->addWidget(recentTitle);
    right->addWidget(m_view, 1);
    auto* columns = new QHBoxLayout;
    columns->setSpacing(24);
    columns->addLayout(left, 2);
    columns->addLayout(right, 5);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(tagline);
    layout->addSpacing(12);
    layout->addLayout(columns, 1);
    reload();
}

StartPage::~StartPage() = default;

QPushButton* StartPage::addAction(const QString& name, const QString& text, const QString& description, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setMinimumHeight(34);
    QFont f = button->font();
    f.setBold(true);
    button->setFont(f);
    auto* label = new QLabel(description, parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #6b6b6b"));
    auto* layout = static_cast<QVBoxLayout*>(parent->layout());
    layout->addWidget(button);
    layout->addWidget(label);
    layout->addSpacing(10);
    return button;
}

void StartPage::reload()
{
    m_recent->reload();
    m_view->resizeColumnsToContents();
    m_view->horizontalHeader()->setStretchLastSection(true);
}

void StartPage::showEvent(QShowEvent* event)
{
    reload(); // the verdicts may have changed while a case was open
    QWidget::showEvent(event);
}

bool StartPage::isDropHighlighted() const
{
    return m_dropZone->property("active").toBool();
}

void StartPage::setDropHighlight(bool on)
{
    m_dropZone->setProperty("active", on);
    const QColor accent = palette().color(QPalette::Highlight);
    m_dropZone->setStyleSheet(QStringLiteral("QFrame#dropZone { border: 2px dashed %1; border-radius: 8px; "
                                             "background: %2; }")
                                  .arg(on ? accent.name() : QStringLiteral("#a0a0a0"),
                                      on ? accent.lighter(185).name() : palette().color(QPalette::Base).name()));
}

void StartPage::openDemoBank(const QString& directory, const demo::DemoConfig& config)
{
    if (m_demo->isRunning())
        return;
    const QString dir = directory.isEmpty() ? DemoBankJob::defaultDirectory() : directory;
    const QString casePath = DemoBankJob::casePathIn(dir);
    if (QFileInfo(casePath).isFile()) {
        Q_EMIT demoReady(casePath); // made on an earlier run
        return;
    }
    m_demoButton->setEnabled(false);
    m_demoProgress->setValue(0);
    m_demoProgress->show();
    m_demoCancel->show();
    m_demoStatus->show();
    m_demo->start(dir, config);
}

void StartPage::onDemoFinished()
{
    m_demoButton->setEnabled(true);
    m_demoProgress->hide();
    m_demoCancel->hide();
    const Result<QString>& result = *m_demo->result();
    if (result) {
        m_demoStatus->hide();
        Q_EMIT demoReady(*result);
        return;
    }
    m_demoStatus->setText(m_demo->wasCancelled()
            ? tr("The demo bank was not made: cancelled.")
            : tr("The demo bank could not be made: %1").arg(result.error().toString()));
    if (!m_demo->wasCancelled())
        Q_EMIT demoFailed(result.error().toString());
}

void StartPage::dragEnterEvent(QDragEnterEvent* event)
{
    if (localPaths(event->mimeData()).isEmpty())
        return;
    event->acceptProposedAction();
    setDropHighlight(true);
}

void StartPage::dragLeaveEvent(QDragLeaveEvent* event)
{
    setDropHighlight(false);
    QWidget::dragLeaveEvent(event);
}

void StartPage::dropEvent(QDropEvent* event)
{
    setDropHighlight(false);
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    Q_EMIT pathsDropped(paths);
}

} // namespace capaudit

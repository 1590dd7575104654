// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/importdialog.h"

#include "store/batchimport.h"
#include "store/bundlelint.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileIconProvider>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QVBoxLayout>

namespace capaudit {

namespace {

constexpr int PathRole = Qt::UserRole;

QString describe(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return ImportDialog::tr("not found");
    if (!info.isDir())
        return ImportDialog::tr("archive");
    if (looksLikeBundle(path))
        return ImportDialog::tr("bundle folder");
    const QStringList bundles = expandBundlePaths({ path });
    if (bundles == QStringList { info.absoluteFilePath() })
        return ImportDialog::tr("no bundle found: imported as it is, the import will say why it fails");
    return ImportDialog::tr("folder of %n bundle(s)", nullptr, int(bundles.size()));
}

} // namespace

ImportDialog::ImportDialog(QWidget* parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_count(new QLabel(this))
    , m_untrusted(new QCheckBox(tr("Accept &untrusted signers (imported, marked untrusted)"), this))
    , m_commitEach(new QCheckBox(tr("&Commit each bundle on its own"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_import(new QPushButton(tr("&Import"), this))
{
    setWindowTitle(tr("Import bundles"));
    setAcceptDrops(true);
    resize(720, 420);
    auto* intro = new QLabel(tr("Bundle archives, bundle folders and folders holding bundles, in any mix. Add them "
                                "below or drop them here."),
        this);
    intro->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("importPaths"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setAcceptDrops(false); // the dialog takes the drop, wherever it lands
    m_count->setObjectName(QStringLiteral("importCount"));
    m_commitEach->setObjectName(QStringLiteral("commitEach"));
    m_commitEach->setToolTip(tr("By default the import is all or nothing: cancelling it, or a bundle that cannot be "
                                "read, leaves the case exactly as it was. With this option each bundle is kept as "
                                "soon as it is imported."));
    m_untrusted->setObjectName(QStringLiteral("allowUntrusted"));

    auto* addFiles = new QPushButton(tr("Add &files…"), this);
    addFiles->setObjectName(QStringLiteral("addFiles"));
    auto* addFolders = new QPushButton(tr("Add f&olders…"), this);
    addFolders->setObjectName(QStringLiteral("addFolders"));
    m_remove->setObjectName(QStringLiteral("removePaths"));
    auto* side = new QVBoxLayout;
    side->addWidget(addFiles);
    side->addWidget(addFolders);
    side->addWidget(m_remove);
    side->addStretch(1);
    auto* row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(side);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_import->setObjectName(QStringLiteral("startImport"));
    buttons->addButton(m_import, QDialogButtonBox::AcceptRole);
    m_import->setDefault(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(row, 1);
    layout->addWidget(m_count);
    layout->addWidget(m_untrusted);
    layout->addWidget(m_commitEach);
    layout->addWidget(buttons);

    connect(addFiles, &QPushButton::clicked, this, &ImportDialog::addFiles);
    connect(addFolders, &QPushButton::clicked, this, &ImportDialog::addFolders);
    connect(m_remove, &QPushButton::clicked, this, &ImportDialog::removeSelected);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &ImportDialog::updateState);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
}

void ImportDialog::addPaths(const QStringList& paths)
{
    QStringList listed = this->paths();
    QFileIconProvider icons;
    for (const QString& p : paths) {
        QFileInfo info(p);
        // A bundle folder picked through its envelope: the file dialog shows files, the bundle is the folder.
        if (info.isFile() && info.fileName().startsWith(QLatin1String("envelope.")))
            info = QFileInfo(info.absolutePath());
        const QString path = info.absoluteFilePath();
        if (listed.contains(path))
            continue;
        listed.append(path);
        auto* item = new QListWidgetItem(
            QStringLiteral("%1  —  %2").arg(QDir::toNativeSeparators(path), describe(path)), m_list);
        item->setData(PathRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
        item->setIcon(icons.icon(info));
        m_directory = info.absolutePath();
    }
    updateState();
}

QStringList ImportDialog::paths() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out.append(m_list->item(i)->data(PathRole).toString());
    return out;
}

int ImportDialog::bundleCount() const
{
    return int(expandBundlePaths(paths()).size());
}

bool ImportDialog::commitEach() const
{
    return m_commitEach->isChecked();
}

bool ImportDialog::allowUntrusted() const
{
    return m_untrusted->isChecked();
}

void ImportDialog::setAllowUntrusted(bool allow)
{
    m_untrusted->setChecked(allow);
}

void ImportDialog::addFiles()
{
    const QStringList picked = QFileDialog::getOpenFileNames(this, tr("Add bundle archives"), m_directory,
        tr("Bundles (*.capbundle *.tar.gz *.tgz *.tar *.zip envelope.dsse.json envelope.sigstore.json);;All files "
           "(*)"));
    addPaths(picked);
}

void ImportDialog::addFolders()
{
    // Qt's own dialog, whose views can be told to take several folders at once; a native one picks one folder.
    QFileDialog dialog(this, tr("Add bundle folders"), m_directory);
    dialog.setFileMode(QFileDialog::Directory);
    dialog.setOptions(QFileDialog::DontUseNativeDialog | QFileDialog::ShowDirsOnly);
    for (const QString& name : { QStringLiteral("listView"), QStringLiteral("treeView") })
        if (auto* view = dialog.findChild<QAbstractItemView*>(name))
            view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    if (dialog.exec() == QDialog::Accepted)
        addPaths(dialog.selectedFiles());
}

void ImportDialog::removeSelected()
{
    qDeleteAll(m_list->selectedItems());
    updateState();
}

void ImportDialog::updateState()
{
    const int count = m_list->count() > 0 ? bundleCount() : 0;
    m_count->setText(
        m_list->count() > 0 ? tr("%n bundle(s) to import.", nullptr, count) : tr("Nothing to import yet."));
    m_import->setEnabled(m_list->count() > 0);
    m_remove->setEnabled(!m_list->selectedItems().isEmpty());
}

void ImportDialog::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void ImportDialog::dropEvent(QDropEvent* event)
{
    QStringList dropped;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            dropped.append(url.toLocalFile());
    if (dropped.isEmpty())
        return;
    event->acceptProposedAction();
    addPaths(dropped);
}

} // namespace capaudit

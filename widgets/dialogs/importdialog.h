// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace capaudit {

// File > Import…: the bundles to import, gathered from any mix of archives, bundle folders and folders of bundles
// ("Add files…", "Add folders…", or dropped on the list), with the import's options. A file dialog picks either
// files or one folder, so the list is where they meet.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportDialog(QWidget* parent = nullptr);

    // Adds PATHS, skipping ones already listed; an envelope file stands for its bundle folder.
    void addPaths(const QStringList& paths);
    QStringList paths() const;
    // How many bundles the listed paths hold once folders are expanded.
    int bundleCount() const;

    bool commitEach() const;
    bool allowUntrusted() const;
    void setAllowUntrusted(bool allow);
    // Where the file dialogs open; after an accept, where the user picked from last.
    QString directory() const
    {
        return m_directory;
    }
    void setDirectory(const QString& directory)
    {
        m_directory = directory;
    }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void addFiles();
    void addFolders();
    void removeSelected();
    void updateState();

    QListWidget* m_list;
    QLabel* m_count;
    QCheckBox* m_untrusted;
    QCheckBox* m_commitEach;
    QPushButton* m_remove;
    QPushButton* m_import;
    QString m_directory;
};

} // namespace capaudit

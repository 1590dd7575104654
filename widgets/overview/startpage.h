// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/democonfig.h"

#include <QWidget>

class QFrame;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace capaudit {

class DemoBankJob;
class RecentCasesModel;

// What the window shows when no case is open: the recent cases with their last verdict, the ways in (new case, open
// case, the demo bank) and a drop target for case files and bundles.
class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);
    ~StartPage() override;

    RecentCasesModel* recentModel() const
    {
        return m_recent;
    }
    QTableView* recentView() const
    {
        return m_view;
    }
    QFrame* dropZone() const
    {
        return m_dropZone;
    }
    DemoBankJob* demoJob() const
    {
        return m_demo;
    }
    bool isDropHighlighted() const;

    // Opens the demo bank in DIRECTORY, generating and importing it first unless its case is already there.
    void openDemoBank(const QString& directory = {}, const demo::DemoConfig& config = {});

public Q_SLOTS:
    void reload(); // re-reads the recent cases

Q_SIGNALS:
    void newCaseRequested();
    void openCaseRequested();
    void recentCaseRequested(const QString& path);
    void demoReady(const QString& casePath);
    void demoFailed(const QString& message);
    void pathsDropped(const QStringList& paths);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void setDropHighlight(bool on);
    void onDemoFinished();
    QPushButton* addAction(const QString& name, const QString& text, const QString& description, QWidget* parent);

    RecentCasesModel* m_recent;
    QTableView* m_view;
    QFrame* m_dropZone;
    QLabel* m_dropText;
    DemoBankJob* m_demo;
    QPushButton* m_demoButton = nullptr;
    QProgressBar* m_demoProgress;
    QLabel* m_demoStatus;
    QPushButton* m_demoCancel;
};

} // namespace capaudit

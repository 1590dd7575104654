// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;

namespace capaudit {

class ImportJob;

// Shows the running import: the current bundle's progress, the overall progress, and a Cancel button.
class ImportProgressDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportProgressDialog(ImportJob* job, QWidget* parent = nullptr);

    int overallValue() const;

protected:
    void reject() override; // Escape and the close button cancel, they do not hide a running job

private:
    ImportJob* m_job;
    QLabel* m_bundle;
    QLabel* m_message;
    QProgressBar* m_current;
    QProgressBar* m_overall;
    QPushButton* m_cancel;
    int m_index = 0;
};

} // namespace capaudit

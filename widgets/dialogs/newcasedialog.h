// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace capaudit {

// Asks where to create a case, its name, and the trust store directory it starts with.
class NewCaseDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewCaseDialog(QWidget* parent = nullptr);

    QString casePath() const; // with the .capcase suffix
    QString caseName() const;
    QString trustDirectory() const;

private:
    void updateOk();

    QLineEdit* m_path;
    QLineEdit* m_name;
    QLineEdit* m_trust;
    QPushButton* m_ok = nullptr;
};

} // namespace capaudit

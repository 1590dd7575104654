// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

namespace capaudit {

// Program name, version, licence, and the versions of the libraries that verify and store the evidence.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    // "Qt 6.4.2 (built with 6.4.2)", "OpenSSL 3.0.x …", "SQLite 3.40.1", "QCustomPlot 2.1.0".
    static QStringList libraryVersions();
};

} // namespace capaudit

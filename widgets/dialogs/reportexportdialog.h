// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reportoptions.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QListWidget;

namespace capaudit {

// The options of File > Export report…: the same as `capaudit-cli report` (period, providers, sections, reviewer,
// paper, PDF/A, language, signing key) and the output file.
class ReportExportDialog : public QDialog {
    Q_OBJECT
public:
    // PERIOD prefills the period ({0,0}: the whole case); PROVIDERS are those in the case.
    ReportExportDialog(const Period& period, const Period& casePeriod, const QStringList& providers,
        const QString& caseName, QWidget* parent = nullptr);

    reports::ReportOptions options() const;
    void setOutputPath(const QString& path);
    bool previewFirst() const;

    void accept() override;

private:
    void browseOutput();
    void browseKey();

    QLineEdit* m_output;
    QCheckBox* m_wholeCase;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
    QListWidget* m_providers;
    QListWidget* m_sections;
    QLineEdit* m_reviewer;
    QLineEdit* m_engagement;
    QComboBox* m_paper;
    QCheckBox* m_pdfa;
    QComboBox* m_language;
    QLineEdit* m_key;
    QCheckBox* m_preview;
};

} // namespace capaudit

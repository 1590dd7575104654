// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/finding.h"
#include "jobs/jobtracker.h"
#include "store/evidencerows.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace capaudit {

class AuditTable;
class EvidenceRowsModel;
class FieldStatisticsModel;

// The evidence viewer: the rows a finding's evidence reference cites, read from the case's stored copy of the bundle
// file (checked against its digest) on a worker thread, shown parsed beside the raw line with the cited rows marked,
// with IDEA-style field statistics, copy as TSV and export to CSV.
class EvidenceViewerDialog : public QDialog {
    Q_OBJECT
public:
    EvidenceViewerDialog(const QString& casePath, const analytics::EvidenceRef& ref, QWidget* parent = nullptr);

    const EvidenceRowsModel* rowsModel() const
    {
        return m_rows;
    }
    bool isLoaded() const
    {
        return m_loaded;
    }
    QString errorText() const
    {
        return m_error;
    }
    void copySelection();
    // Writes the shown rows (parsed columns, every cell through the export's CSV-injection guard) to PATH.
    bool exportCsv(const QString& path, QString* error = nullptr) const;

Q_SIGNALS:
    void loaded();

private:
    void showRows(const EvidenceRows& rows);
    void updateStatistics();

    analytics::EvidenceRef m_ref;
    EvidenceRowsModel* m_rows;
    FieldStatisticsModel* m_statistics;
    QTableView* m_table;
    QTableView* m_statisticsView;
    QLineEdit* m_filter;
    QCheckBox* m_citedOnly;
    QLabel* m_header;
    JobTracker m_jobs;
    bool m_loaded = false;
    QString m_error;
    AuditTable* m_rowsTable = nullptr;
    AuditTable* m_statisticsTable = nullptr;
};

} // namespace capaudit

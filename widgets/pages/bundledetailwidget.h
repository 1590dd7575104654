// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/casestore.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeView;

namespace capaudit {

class CheckModel;
class SubjectModel;

// Everything verification found about one bundle: checks with reasons, the statement's subjects, the predicate.
class BundleDetailWidget : public QWidget {
    Q_OBJECT
public:
    explicit BundleDetailWidget(QWidget* parent = nullptr);

    void setBundle(const StoredBundle& bundle);
    void clear();
    bool hasBundle() const
    {
        return m_hasBundle;
    }
    const StoredBundle& bundle() const
    {
        return m_bundle;
    }

    CheckModel* checkModel() const
    {
        return m_checks;
    }
    SubjectModel* subjectModel() const
    {
        return m_subjects;
    }
    QString predicateText() const;

    // The verdict as JSON, as exported.
    QByteArray verdictJson() const;
    Status exportVerdict(const QString& path) const;

public Q_SLOTS:
    void exportVerdictInteractive(); // asks for a file name

private:
    StoredBundle m_bundle;
    bool m_hasBundle = false;
    QLabel* m_header;
    QTabWidget* m_tabs;
    CheckModel* m_checks;
    SubjectModel* m_subjects;
    QTreeView* m_checkView;
    QTreeView* m_subjectView;
    QPlainTextEdit* m_predicate;
    QPushButton* m_export;
};

} // namespace capaudit

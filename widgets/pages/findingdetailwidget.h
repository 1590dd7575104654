// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/finding.h"

#include <QWidget>

#include <optional>

class QPushButton;
class QTextBrowser;

namespace capaudit {

// One finding in full: what was measured against what, its scope and period, and every evidence reference (bundle
// digest, file, lines) with a link to the bundle on the Evidence page.
class FindingDetailWidget : public QWidget {
    Q_OBJECT
public:
    explicit FindingDetailWidget(QWidget* parent = nullptr);

    void setFinding(const analytics::Finding& finding);
    void clear();
    const std::optional<analytics::Finding>& finding() const
    {
        return m_finding;
    }
    QString text() const; // the pane as plain text (tests, copy)
    QPushButton* timelineButton() const
    {
        return m_timeline;
    }

    static QString html(const analytics::Finding& finding);

Q_SIGNALS:
    void showOnTimeline(const capaudit::analytics::Finding& finding);
    void bundleRequested(const QString& digest);

private:
    QTextBrowser* m_browser;
    QPushButton* m_timeline;
    std::optional<analytics::Finding> m_finding;
};

} // namespace capaudit

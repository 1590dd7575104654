// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/finding.h"

#include <QWidget>

class QVBoxLayout;

namespace capaudit {

// The most serious findings as the report's executive summary lists them: severity, provider, the sentence, its time
// window and the money at stake, each with a link to the finding and one to its window on the timeline.
class SeriousFindingsList : public QWidget {
    Q_OBJECT
public:
    explicit SeriousFindingsList(QWidget* parent = nullptr);

    // FINDINGS in the report's order; TOTAL: how many the run found in all.
    void setFindings(const QList<analytics::Finding>& findings, int total);
    void setPlaceholder(const QString& text);

Q_SIGNALS:
    void linkActivated(const QString& link); // "finding:<id>" or "timeline:<id>"

private:
    void clearRows();

    QVBoxLayout* m_layout;
};

} // namespace capaudit
